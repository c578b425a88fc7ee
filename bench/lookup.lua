-- wrk script of `make bench` (appended after the generated `paths` table): cycles through the
-- lookup points, each thread from its own offset; counts answers other than 200; prints one
-- BENCHJSON line with throughput and latency percentiles (microseconds).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  i = (id * 397) % #paths
  non200 = 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non200")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"non200":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    bad, e.connect + e.read + e.write + e.timeout))
end
