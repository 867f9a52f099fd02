-- wrk script for bench/search.sh: each request the next of these searches (six languages; a country in its own
-- script, a common word, a city, and "testland", which matches every generated country), as a browser asks for them.
-- Prints report.lua's RESULT line.
local searches = {
  "/nl/search?q=irak", "/nl/search?q=terugkeer", "/nl/search?q=testland%200500", "/nl/search?q=den%20haag",
  "/en/search?q=iraq", "/en/search?q=return%20support", "/en/search?q=the%20hague",
  "/fr/search?q=irak", "/fr/search?q=retour",
  "/ar/search?q=%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82", "/ar/search?q=%D8%A7%D9%84%D8%B9%D9%88%D8%AF%D8%A9",
  "/fa/search?q=%D8%B9%D8%B1%D8%A7%D9%82", "/fa/search?q=%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA",
  "/ckb/search?q=%D8%B9%DB%8E%D8%B1%D8%A7%D9%82", "/ckb/search?q=%DA%AF%DB%95%DA%95%D8%A7%D9%86%DB%95%D9%88%DB%95",
  "/ckb/search?q=testland",
}
local i = 0
request = function()
  i = i % #searches + 1
  return wrk.format("GET", searches[i], { ["Accept-Encoding"] = "br" })
end
dofile((os.getenv("BENCH_ROOT") or ".") .. "/bench/report.lua")
