-- wrk script (bench/http_load.py): each request a search of three words of the synthetic
-- library's vocabulary (demo/synthetic.py), drawn at random: some 55,000 queries, so that
-- hardly one repeats within a run and each request runs its search (a repeated search is
-- answered from the process's memo, which the "search" scenario measures).
local words = {
  "mentoring", "family", "coaching", "helpline", "dialogue", "case", "peer", "education",
  "online", "outreach", "exit", "counselling", "resilience", "training", "street", "parent",
  "referral", "theatre", "sports", "young", "risk", "worried", "prisoners", "release",
  "teachers", "girls", "women", "youth", "communities", "probation", "schools", "prison",
  "gaming", "neighbourhood", "home", "agencies", "mosques", "trust",
}
math.randomseed(os.time())

request = function()
  local query = {}
  for i = 1, 3 do
    query[i] = words[math.random(#words)]
  end
  return wrk.format("GET", "/search/?q=" .. table.concat(query, "+"))
end
