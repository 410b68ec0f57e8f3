-- wrk script of the realistic mix (issue 25): each request is the next line of the file that
-- bench/mix/requests.mjs wrote, each wrk thread starting at its own offset and going round.
--   "TOKEN<TAB>PATH"        a GET
--   "@self<TAB>J<TAB>SHEET" a self-sheet save of month J of FILE.self, "@review…" a review-sheet save of
--                           FILE.review: thread t of n takes month (J·n + t − 1) mod m, so no two threads
--                           save one month; the version is the last one an answer about it carried
--                           (FILE.versions at the start)
--   "@submit"               a submit of the next month of FILE.submit that is this run's and thread's:
--                           month i belongs to run i mod RUNS… (see init); none left → that month's GET
-- Answers 409 (a stale version) and other refusals are counted apart and printed at the end.
--   wrk -t2 -c64 -d10s --latency -s bench/mix/mix.lua URL -- FILE [RUN=0 RUNS=1 THREADS=2]
local requests = {}
local next_index = 1
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  table.insert(threads, thread)
end

local function lines_of(path, optional)
  local file = io.open(path, "r")
  if not file then
    assert(optional, "cannot open " .. path)
    return {}
  end
  local out = {}
  for line in file:lines() do
    local fields = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do table.insert(fields, field) end
    table.insert(out, fields)
  end
  file:close()
  return out
end

local saves = {}     -- kind → the months this thread saves: { token, id }
local versions = {}  -- month id (string) → version
local submits = {}   -- this run's and thread's months to submit: { token, id, version }
local submit_next = 1
local nthreads = 2

function init(args)
  local file = args[1]
  local run, runs = tonumber(args[2] or 0), tonumber(args[3] or 1)
  nthreads = tonumber(args[4] or 2)
  local t = offset or 1
  for _, fields in ipairs(lines_of(file)) do
    if fields[1]:sub(1, 1) == "@" then
      table.insert(requests, { write = fields[1]:sub(2), j = tonumber(fields[2]), sheet = fields[3] })
    elseif #fields >= 2 then
      table.insert(requests, { token = fields[1], path = fields[2] })
    end
  end
  assert(#requests > 0, "no request in " .. file)
  for _, kind in ipairs({ "self", "review" }) do
    local all = lines_of(file .. "." .. kind, true)
    local usable = math.floor(#all / nthreads) * nthreads  -- so that (J·n + t − 1) mod m keeps threads apart
    saves[kind] = { months = all, m = usable }
  end
  for _, fields in ipairs(lines_of(file .. ".versions", true)) do versions[fields[1]] = tonumber(fields[2]) end
  local slots = runs * nthreads
  for i, fields in ipairs(lines_of(file .. ".submit", true)) do
    if (i - 1) % slots == run * nthreads + (t - 1) then table.insert(submits, fields) end
  end
  next_index = (t - 1) * math.floor(#requests / 2) % #requests + 1
  failed, conflicts, short = 0, 0, 0
end

local function bearer(token) return { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" } end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  if not r.write then return wrk.format("GET", r.path, { ["Authorization"] = "Bearer " .. r.token }) end
  if r.write == "submit" then
    local s = submits[submit_next]
    if not s then  -- this run's months are all submitted: read one instead, counted
      short = short + 1
      local any = saves.self.months[1]
      return wrk.format("GET", "/api/monthly/" .. any[2], { ["Authorization"] = "Bearer " .. any[1] })
    end
    submit_next = submit_next + 1
    return wrk.format("POST", "/api/monthly/" .. s[2] .. "/submit", bearer(s[1]), '{"version":' .. s[3] .. '}')
  end
  local pool = saves[r.write]
  local month = pool.months[(r.j * nthreads + (offset or 1) - 1) % pool.m + 1]
  local path = "/api/monthly/" .. month[2] .. (r.write == "self" and "/self-sheet" or "/review-sheet")
  return wrk.format("PUT", path, bearer(month[1]), '{"version":' .. (versions[month[2]] or 1) .. "," .. r.sheet .. "}")
end

function response(status, headers, body)
  if status == 409 then
    conflicts = conflicts + 1
  elseif status >= 400 then
    failed = failed + 1
  elseif body then
    local id, version = body:match('^{"id":(%d+),"version":(%d+)')
    if id and versions[id] then versions[id] = tonumber(version) end
  end
end

function done(summary, latency, requests_done)
  local f, c, s = 0, 0, 0
  for _, t in ipairs(threads) do
    f = f + (t:get("failed") or 0)
    c = c + (t:get("conflicts") or 0)
    s = s + (t:get("short") or 0)
  end
  io.write(string.format("mix: %d answers, %d of them 4xx/5xx, %d conflicts, %d submits without a month\n", summary.requests, f, c, s))
end
