-- POST /oauth/token, refresh_token: each thread owns a slice of the pool; each grant's new (rotated)
-- refresh token goes back into the pool, so no token is ever sent twice (that would revoke the grant).
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
setup = common.setup
done = common.done
local pool = {}

function init(args)
  for _, line in ipairs(common.lines_for_thread(os.getenv("BENCH_TOKENS"), id, tonumber(os.getenv("BENCH_THREADS")))) do
    local parts = common.split(line)
    pool[#pool + 1] = parts[3]
  end
end

function request()
  local token = table.remove(pool, 1) or "pool-empty"
  return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=refresh_token&client_id=timesheets-mobile&refresh_token=" .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if token then pool[#pool + 1] = token end
end
