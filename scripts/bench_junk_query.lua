-- make bench: every request asks for the page with a query string never sent
-- before, as a client trying to fill the caches or reach the database would.
-- The page reads none of them: each must cost what the cached page costs.
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?utm_source=" .. math.random(1, 1000000000) .. "&r=" .. n)
end
