// §6.1: async/await is 2.0 only.
async function handler(event) {
    var request = await Promise.resolve(event.request);
    return request;
}
