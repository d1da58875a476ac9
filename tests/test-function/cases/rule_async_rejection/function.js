// 2.0: a rejected handler promise is an execution error.
async function handler(event) {
    await null;
    throw new RangeError('quota exceeded');
}
