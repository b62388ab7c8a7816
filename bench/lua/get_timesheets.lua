-- GET /timesheets?limit=50 with the users' access tokens, round robin.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
setup = common.setup
done = common.done
local tokens, n = {}, 0

function init(args)
  for _, line in ipairs(common.lines_for_thread(os.getenv("BENCH_TOKENS"), 0, 1)) do
    tokens[#tokens + 1] = common.split(line)[2]
  end
  n = id
end

function request()
  n = n + 1
  return wrk.format("GET", os.getenv("BENCH_PATH") or "/timesheets?limit=50",
    { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] })
end
