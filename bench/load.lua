-- For bench/load.sh: counts answers that are not 2xx, and 5xx among them, over all wrk threads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  server_errors = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local non, five = 0, 0
  for _, thread in ipairs(threads) do
    non = non + thread:get("non2xx")
    five = five + thread:get("server_errors")
  end
  io.write(string.format("LOAD non2xx=%d 5xx=%d timeouts=%d connect=%d read=%d write=%d requests=%d\n", non, five,
    summary.errors.timeout, summary.errors.connect, summary.errors.read, summary.errors.write, summary.requests))
end
