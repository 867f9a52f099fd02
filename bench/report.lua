-- wrk script for bench/run.sh: one machine-readable line per run. Latencies in microseconds.
-- errors.status counts responses with a status above 399; run.sh checks beforehand that each URL answers 200.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f connect=%d read=%d write=%d status=%d timeout=%d bytes=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
