-- wrk script of the realistic mix (issue 25): each request is the next line of the file that
-- bench/mix/requests.mjs wrote ("TOKEN<TAB>PATH"), each wrk thread starting at its own offset and
-- going round. Answers other than 2xx/3xx are counted and printed at the end.
--   wrk -t2 -c64 -d10s --latency -s bench/mix/mix.lua URL -- REQUESTS_FILE
local requests = {}
local next_index = 1
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open the requests file " .. tostring(args[1]))
  for line in file:lines() do
    local token, path = line:match("^(%x+)\t(.+)$")
    if token then table.insert(requests, { token = token, path = path }) end
  end
  file:close()
  assert(#requests > 0, "no request in " .. args[1])
  next_index = ((offset or 1) - 1) * math.floor(#requests / 2) % #requests + 1
  failed = 0
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return wrk.format("GET", r.path, { ["Authorization"] = "Bearer " .. r.token })
end

function response(status)
  if status >= 400 then failed = failed + 1 end
end

function done(summary, latency, requests_done)
  local f = 0
  for _, t in ipairs(threads) do f = f + (t:get("failed") or 0) end
  io.write(string.format("mix: %d answers, %d of them 4xx/5xx\n", summary.requests, f))
end
