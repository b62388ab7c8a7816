-- POST /oauth/token, client_credentials. BENCH_CLOSE=1 sends Connection: close (a new TCP connection per request).
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
setup = common.setup
done = common.done
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("BENCH_CLOSE") == "1" then wrk.headers["Connection"] = "close" end
wrk.body = "grant_type=client_credentials&client_id=timesheets-import&client_secret=" .. os.getenv("BENCH_SECRET") ..
  "&audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets"
