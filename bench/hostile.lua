-- wrk script for bench/hostile.sh: a hostile mix on one connection pool. Each request is drawn at random:
-- 35% reader pages (Brotli or gzip, as browsers and proxies ask), 10% the delivery API, 10% feeds, 40% URLs that do
-- not exist (random, so no two alike: a cache keyed by URL would grow with them), 5% malformed or refused requests
-- (wrong methods, an over-long path, bad percent-encoding, a body where none belongs). Counts 5xx answers.
local pages = { "/nl/countries/guinea", "/ar/countries/guinea", "/fa/countries/iraq/safety", "/nl/support-points",
  "/en/stories/mazan", "/fr/about", "/ckb/", "/nl/support-points/leiden.vcf" }
local api = { "/api/v1/nl/countries/guinea", "/api/v1/en/support-points", "/api/v1/languages", "/api/v1/ar/stories",
  "/api/v1/changes" }
local feeds = { "/nl/feed.atom", "/ar/feed.atom", "/en/countries/guinea/feed.atom" }
local encodings = { "br", "gzip", "gzip, deflate", "identity" }
local counter = 0

local function pick(t) return t[math.random(#t)] end

local function random_path()
  local s = {}
  for i = 1, math.random(1, 4) do s[#s + 1] = string.format("%x", math.random(0, 0x7fffffff)) end
  local prefix = pick({ "/nl/countries/", "/ar/", "/api/v1/nl/countries/", "/", "/xx/", "/nl/stories/" })
  return prefix .. table.concat(s, "/") .. pick({ "", "?q=" .. math.random(1, 1e9), ".php", "/feed.atom" })
end

local function malformed()
  local r = math.random(5)
  if r == 1 then return wrk.format("POST", pick(pages), { ["Content-Type"] = "application/x-www-form-urlencoded" }, "a=1") end
  if r == 2 then return wrk.format("TRACE", pick(pages)) end
  if r == 3 then return wrk.format("GET", "/nl/" .. string.rep("a", 4000)) end
  if r == 4 then return wrk.format("GET", "/nl/countries/%ff%fe%00..%2f..%2fetc%2fpasswd") end
  return wrk.format("PUT", "/api/v1/manage/items/page/about/nl/draft", { ["Content-Type"] = "application/json" }, "{\"title\":")
end

request = function()
  counter = counter + 1
  local r = math.random(100)
  local headers = { ["Accept-Encoding"] = pick(encodings) }
  if r <= 35 then return wrk.format("GET", pick(pages), headers) end
  if r <= 45 then return wrk.format("GET", pick(api), headers) end
  if r <= 55 then return wrk.format("GET", pick(feeds), headers) end
  if r <= 95 then return wrk.format("GET", random_path(), headers) end
  return malformed()
end

local fivexx = 0
response = function(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 end
end

local threads = {}
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

done = function(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("fivexx") or 0) end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f connect=%d read=%d write=%d timeout=%d status4xx5xx=%d fivexx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status, total))
end
