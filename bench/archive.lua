-- For bench/archive.sh: random articles of the archive (/news/ID/khabar-ID, ID in 1..ARTICLES), or
-- random one-word searches, chosen by the script's first argument. Counts answers that are not 2xx.
local threads = {}
local mode, articles = "article", 1000000
local words = {"الحكومة", "تونس", "الرئيس", "وزير", "الانتخابات", "المنتخب", "الاقتصاد", "الأمن", "البرلمان",
  "الشركة", "الجامعة", "المهرجان", "الصحة", "التعليم", "النفط", "الأسعار", "المباراة", "الفلاحة", "السياحة", "الثقافة"}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or mode
  articles = tonumber(args[2] or articles)
  non2xx = 0
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

local function encode(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  if mode == "fixed" then
    return wrk.format(nil)
  end
  if mode == "search" then
    return wrk.format("GET", "/search?q=" .. encode(words[math.random(#words)]))
  end
  local id = math.random(articles)
  return wrk.format("GET", "/news/" .. id .. "/khabar-" .. id)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non = 0
  for _, thread in ipairs(threads) do
    non = non + thread:get("non2xx")
  end
  io.write(string.format("LOAD non2xx=%d timeouts=%d connect=%d read=%d requests=%d\n", non,
    summary.errors.timeout, summary.errors.connect, summary.errors.read, summary.requests))
end
