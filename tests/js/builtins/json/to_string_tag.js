console.log(Object.prototype.toString.call(JSON) + ' ' + typeof JSON.parse + ' ' + JSON.parse.length + ' ' + JSON.stringify.length);
