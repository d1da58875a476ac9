// String methods with number arguments and 8-bit fast paths.
var s = "/docs/guide/index.html";
console.log(s.charAt(s.length - 1), s.charAt(0), s.charAt(-1) === "",
            s.charAt(100) === "", s.charAt(1.7), s.charAt(-0), s.charAt(NaN));
console.log(s.lastIndexOf("."), s.lastIndexOf("/"), s.lastIndexOf("x"),
            s.lastIndexOf(""), s.lastIndexOf("", 3), s.lastIndexOf("/", 5),
            s.lastIndexOf("/", 6), s.lastIndexOf("/", -5), s.lastIndexOf("/", 0),
            s.lastIndexOf("docs"), s.lastIndexOf("docs", 0), s.lastIndexOf("s/"),
            s.lastIndexOf("/docs/guide/index.html"), s.lastIndexOf(s + "x"),
            s.lastIndexOf("/", Infinity), s.lastIndexOf("/", NaN));
console.log("aaaa".lastIndexOf("aa"), "aaaa".lastIndexOf("aa", 1),
            "abab".lastIndexOf("ab", 1), "é/é".lastIndexOf("é"),
            "a\u20ac/b".lastIndexOf("/"), "a\u20acb".lastIndexOf("\u20ac"));
console.log(s.substring(0, 2), s.substring(2, 0), s.substring(-3, 2),
            s.substring(3.9, 5.1), s.substring(-0, 1), s.slice(-5),
            s.slice(2, -2), s.substr(-4, 2), s.substring(1e10),
            s.substring(-1e10, 3), s.slice(0, 2 ** 31));
var ua = "Mozilla/5.0 (iPhone) Mobile/15E148";
console.log(ua.indexOf("Mobile"), ua.indexOf("Mobile", 30), ua.indexOf("M"),
            ua.indexOf("Mobilf"), ua.indexOf("15E148"), ua.indexOf("15E1489"),
            ua.indexOf("Mozilla/5.0 (iPh"), ua.indexOf("Mozilla/5.0 (iPx"),
            ua.indexOf("zilla/5.0"), ua.indexOf("zilla/5.1"));
var eq = ["www.example.com", "www.example.con", "www.example.co",
          "example", "exampla", "abc", "abd", "", "www.example.com.",
          "a-very-long-header-value-0123456789", "a-very-long-header-value-0123456788"];
var out = [];
for (var i = 0; i < eq.length; i++)
    for (var j = 0; j < eq.length; j++)
        if (eq[i] === (eq[j] + "").slice(0)) out.push(i + "=" + j);
console.log(out.join(" "));
var parts = "www.exa" + "mple.com";
console.log(parts === "www.example.com", parts !== "www.example.coM");
console.log("x".charAt({ valueOf: function () { return 0; } }),
            "xy".substring("1"), "xyz".slice(true), "xyz".charAt(null));
