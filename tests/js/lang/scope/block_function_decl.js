// Strict mode: function declarations in blocks are block-scoped.
{
    function inBlock() { return 'ok'; }
    console.log(inBlock());
}
console.log(typeof inBlock);
