-- wrk script for bench/publish-load.sh: each request the next country or safety page of the generated countries
-- c0101 onwards (PUBLISH_COUNTRIES of them, 20: 240 pages) in six languages (Brotli, as a browser asks), none of them
-- the country being published. Prints RESULT.
local cultures = { "nl", "en", "fr", "ar", "fa", "ckb" }
local paths = {}
for n = 101, 100 + tonumber(os.getenv("PUBLISH_COUNTRIES") or "20") do
  for _, c in ipairs(cultures) do
    paths[#paths + 1] = string.format("/%s/countries/c%04d", c, n)
    paths[#paths + 1] = string.format("/%s/countries/c%04d/safety", c, n)
  end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "br" })
end
dofile((os.getenv("BENCH_ROOT") or ".") .. "/bench/report.lua")
