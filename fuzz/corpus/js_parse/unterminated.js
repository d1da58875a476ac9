function f() { var s = "abc
  return `x${ y