-- make chaos: addresses no page has, each never sent before (a section, a
-- tag, an article, anything), as a client trying to fill the page cache
-- with junk would send them. Each must cost what a cached 404 costs.
local n = 0
local shapes = { "/en/news/%d", "/en/news/country/%d-junk", "/en/tag/junk-%d", "/en/%d", "/junk/%d/x" }

request = function()
  n = n + 1
  return wrk.format("GET", string.format(shapes[n % #shapes + 1], math.random(1, 1000000000)))
end
