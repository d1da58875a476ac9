;;;
{ }
{ { { console.log('nested blocks'); } } }
if (false);
else console.log('else of empty if');
for (let i = 0; i < 2; i++);
console.log('done');
