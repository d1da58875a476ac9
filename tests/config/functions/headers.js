function handler(event) {
    var response = event.response;
    response.headers['x-served-by'] = { value: 'brink' };
    return response;
}
