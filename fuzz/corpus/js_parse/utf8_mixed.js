var café = "€😀"; var Ω = `é${café}`; //   comment
x = "\uD800";
