// bench harness (appended after every workload, for every engine): one
// invocation = build the event, call the handler, read the result back.
function __bench_run() {
    return digest(handler(makeEvent()));
}
