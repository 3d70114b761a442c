-- wrk script of `make loadtest` (bench/loadtest.py): requests the addresses listed in a file, one per
-- line, in turn (each thread starting at a different one), and counts the answers by status code and,
-- per second of the clock, by status class and by nginx's X-Cache-Status header (an answer from the HTTP cache).
-- done() prints everything as tab-separated lines starting with "loadtest" for loadtest.py to read.
--
--   wrk -s bench/loadtest.lua http://127.0.0.1:PORT -- ADDRESSES_FILE

local threads = {}

function setup(thread)
   thread:set("thread_number", #threads)
   table.insert(threads, thread)
end

local paths = {}
local next_path = 0
-- Globals: done() reads them from every thread. thread:get copies flat tables only (wrk 4.1 fails on
-- nested ones), so the timeline's keys are "<second> <what>".
statuses = {}
timeline = {}

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   next_path = (thread_number * 7) % #paths
end

function request()
   next_path = next_path % #paths + 1
   return wrk.format("GET", paths[next_path])
end

local function add(counts, key)
   counts[key] = (counts[key] or 0) + 1
end

function response(status, headers, body)
   add(statuses, status)
   local second = os.time() .. " "
   add(timeline, second .. math.floor(status / 100) .. "xx")
   -- nginx's cache status (deploy/nginx.conf.template): an answer from its store, fresh or stale.
   local cache_status = headers["X-Cache-Status"]
   if cache_status == "HIT" or cache_status == "STALE" or cache_status == "UPDATING" then
      add(timeline, second .. "cache hit")
   end
end

local function emit(...)
   print(table.concat({ "loadtest", ... }, "\t"))
end

function done(summary, latency, requests)
   emit("total", "requests", summary.requests)
   emit("total", "duration_us", summary.duration)
   for kind, count in pairs(summary.errors) do
      emit("errors", kind, count)
   end
   for _, percentile in ipairs({ 50, 90, 99 }) do
      emit("latency_us", percentile, latency:percentile(percentile))
   end
   emit("latency_us", "max", latency.max)
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         emit("status", status, count)
      end
      for key, count in pairs(thread:get("timeline")) do
         local second, what = key:match("^(%d+) (.+)$")
         emit("second", second, what, count)
      end
   end
end
