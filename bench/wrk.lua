-- wrk script of the benchmark (bench/load.py): wrk -s bench/wrk.lua URL -- MODE PATH...
--
-- MODE "mix": every thread cycles through the paths (starting at its own), plain GETs.
-- MODE "revalidate": thread N keeps to path N (run one thread per path) and sends what a
-- browser sends once it holds a copy: the validators of the path's first answer (ETag
-- as If-None-Match, Last-Modified as If-Modified-Since). Without validators (before the
-- site sends any) it keeps sending plain GETs, so the script works either way.
-- done() prints one line "wrk-json {...}" with the totals and the answers by status.

local threads = {}
local number = 0

function setup(thread)
   thread:set("id", number)
   number = number + 1
   table.insert(threads, thread)
end

function init(args)
   mode = args[1]
   paths = {}
   for i = 2, #args do
      paths[#paths + 1] = args[i]
   end
   position = id % #paths
   statuses = {}
   conditional = nil
end

function request()
   local path = paths[position + 1]
   if mode == "mix" then
      position = (position + 1) % #paths
   end
   return wrk.format("GET", path, conditional)
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if mode == "revalidate" and conditional == nil and status == 200 then
      local held = {}
      for name, value in pairs(headers) do
         local lower = string.lower(name)
         if lower == "etag" then
            held["If-None-Match"] = value
         elseif lower == "last-modified" then
            held["If-Modified-Since"] = value
         end
      end
      if next(held) ~= nil then
         conditional = held
      end
   end
end

local function quote(text)
   return '"' .. tostring(text):gsub('[%c"\\]', "") .. '"'
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      local counted = thread:get("statuses")
      for status, n in pairs(counted) do
         totals[status] = (totals[status] or 0) + n
      end
   end
   local by_status = {}
   for status, n in pairs(totals) do
      by_status[#by_status + 1] = quote(status) .. ":" .. n
   end
   local errors = summary.errors
   io.write(string.format(
      'wrk-json {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,'
         .. '"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_ms":{"p50":%.2f,'
         .. '"p95":%.2f,"p99":%.2f,"max":%.2f},"statuses":{%s}}\n',
      summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
      errors.write, errors.status, errors.timeout, latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      table.concat(by_status, ",")
   ))
end
