class A { constructor(){ this.a=1 } get b(){ return this.a } }
class B extends A { m(){ return super.b } }
function handler(){ return new B().m() }