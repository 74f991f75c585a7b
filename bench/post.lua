-- wrk: POST a small chat request; BENCH_MODEL, BENCH_STREAM and BENCH_TOKEN come from the environment.
local model = os.getenv("BENCH_MODEL") or "bench-model"
local stream = os.getenv("BENCH_STREAM") == "1"
local token = os.getenv("BENCH_TOKEN")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = '{"model":"' .. model .. '","stream":' .. (stream and "true" or "false")
  .. ',"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello to the benchmark."}]}'
