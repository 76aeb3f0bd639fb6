-- make bench: a login flood, each try a wrong password for a made-up account,
-- from NEWSLINE_FLOOD_ADDRESSES addresses in turn (10.0.0.1 ...), as that many
-- attackers would send it. The bench's nginx takes the client address from
-- X-Flood-Address (realip), so nginx's limit per address and the workers'
-- throttle see that many clients. NEWSLINE_FLOOD_TOKEN is a login form token
-- the site handed out (cookie and field alike).
local token = os.getenv("NEWSLINE_FLOOD_TOKEN")
local addresses = tonumber(os.getenv("NEWSLINE_FLOOD_ADDRESSES"))
local n = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  checked, refused, other = 0, 0, 0
end

request = function()
  local body = "csrf=" .. token .. "&name=flood-" .. math.random(1, 1000000000) .. "&password=wrong+password"
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "nl_login=" .. token,
    ["X-Flood-Address"] = "10.0." .. math.floor(n / 250) % 250 .. "." .. n % 250 + 1,
  }
  n = (n + 1) % addresses
  return wrk.format("POST", "/admin/login", headers, body)
end

response = function(status, headers, body)
  if status == 401 then
    checked = checked + 1
  elseif status == 429 then
    refused = refused + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c, r, o = c + t:get("checked"), r + t:get("refused"), o + t:get("other")
  end
  io.write(string.format("flood: %d checked (401), %d refused (429), %d other\n", c, r, o))
end
