-- POST /timesheets: 0.25 h on a random past day and project, as one of the users (round robin), each request with
-- its own Idempotency-Key (as the client's offline queue sends one), so the server looks the key up and stores it, as
-- bench/pgbench/post_timesheets.sql does.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
setup = common.setup
done = common.done
local tokens, projects, n, run = {}, {}, 0, 0

function init(args)
  for _, line in ipairs(common.lines_for_thread(os.getenv("BENCH_TOKENS"), 0, 1)) do
    tokens[#tokens + 1] = common.split(line)[2]
  end
  for line in io.lines(os.getenv("BENCH_PROJECTS")) do
    if line ~= "" then projects[#projects + 1] = line end
  end
  n = id
  run = os.time()
  math.randomseed(os.time() + id * 7919)
end

function request()
  n = n + 1
  local date = os.date("!%Y-%m-%d", os.time() - 86400 * math.random(1, 360))
  local body = string.format('{"date":"%s","project":"%s","hours":0.25,"notes":"bench %d"}',
    date, projects[math.random(1, #projects)], n)
  -- UUID-shaped and unique across threads (id), requests (n) and runs (the start time).
  local key = string.format("%08x-%04x-4%03x-8%03x-%012x", run % 0x100000000, id, math.random(0, 0xfff), math.random(0, 0xfff), n)
  return wrk.format("POST", "/timesheets",
    { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json", ["Idempotency-Key"] = key }, body)
end
