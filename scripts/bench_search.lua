-- make bench: searches of scripts/search_queries.txt, each connection going
-- through the list in turn from a place of its own.
local queries = {}
local function escape(s)
  return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("SEARCH_QUERIES") or "scripts/search_queries.txt") do
  local edition, q = line:match("^(%a%a)\t(.+)$")
  if edition then queries[#queries + 1] = "/" .. edition .. "/search?q=" .. escape(q) end
end
local n = 0

init = function(args)
  n = math.random(0, #queries - 1)
end

request = function()
  n = n + 1
  return wrk.format("GET", queries[(n % #queries) + 1])
end
