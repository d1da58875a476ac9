// §8: a loop that never ends is stopped by the compute budget.
function handler(event) {
    var n = 0;
    while (true) {
        n++;
    }
}
