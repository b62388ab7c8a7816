-- Shared by every wrk script: thread ids, token files, and a one-line JSON summary at the end.
local common = {}
local next_id = 0

function common.setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

-- Lines of a file whose index modulo the thread count is this thread's id.
function common.lines_for_thread(path, id, threads)
  local out, i = {}, 0
  for line in io.lines(path) do
    if line ~= "" then
      if i % threads == id then out[#out + 1] = line end
      i = i + 1
    end
  end
  return out
end

function common.split(line)
  local parts = {}
  for p in line:gmatch("%S+") do parts[#parts + 1] = p end
  return parts
end

function common.done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non2xx":%d,"socket_errors":%d,"timeouts":%d}\n',
    summary.requests, secs, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status, e.connect + e.read + e.write, e.timeout))
end

return common
