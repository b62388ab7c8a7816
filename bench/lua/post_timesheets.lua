-- POST /timesheets: 0.25 h on a random past day and project, as one of the users (round robin).
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
setup = common.setup
done = common.done
local tokens, projects, n = {}, {}, 0

function init(args)
  for _, line in ipairs(common.lines_for_thread(os.getenv("BENCH_TOKENS"), 0, 1)) do
    tokens[#tokens + 1] = common.split(line)[2]
  end
  for line in io.lines(os.getenv("BENCH_PROJECTS")) do
    if line ~= "" then projects[#projects + 1] = line end
  end
  n = id
  math.randomseed(os.time() + id * 7919)
end

function request()
  n = n + 1
  local date = os.date("!%Y-%m-%d", os.time() - 86400 * math.random(1, 360))
  local body = string.format('{"date":"%s","project":"%s","hours":0.25,"notes":"bench %d"}',
    date, projects[math.random(1, #projects)], n)
  return wrk.format("POST", "/timesheets",
    { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json" }, body)
end
