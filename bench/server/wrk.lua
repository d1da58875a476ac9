-- wrk report script of the server suite: prints one JSON line in done().
-- The miss scenario appends wrk_miss.lua to this file.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        '{"requests":%d,"duration_us":%d,"bytes":%d,"rps":%.1f,' ..
        '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
        '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
        summary.requests, summary.duration, summary.bytes,
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.max,
        e.connect, e.read, e.write, e.status, e.timeout))
end
