#!/usr/bin/env bash
# Muninn gateway benchmark: nginx upstream, nginx as a plain proxy, and Muninn's gateway, all on 127.0.0.1,
# loaded by wrk (closed loop) at 1 and 32 connections; then JMH on resolution, start-up time and memory.
# Stops everything it started. Environment: BENCH_DURATION (s per cell, default 10), BENCH_WARMUP (s of load
# before Muninn is measured, default 90), BENCH_VARIANTS (Muninn runs as client:java-binary pairs; default: the
# three upstream clients on the default java, plus the default client on a JDK 21+ if one is found),
# BENCH_SKIP_BUILD=1, BENCH_SKIP_JMH=1.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-90}"
JDK_NEW="$(ls -d /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/*-2[1-9]*/bin/java 2>/dev/null | head -1 || true)"
VARIANTS="${BENCH_VARIANTS:-socket:java apache:java jdk:java${JDK_NEW:+ socket:$JDK_NEW}}"
UPSTREAM_PORT=18081
PROXY_PORT=18082
MUNINN_PORT=18900
ADMIN_TOKEN="bench-admin-token-$$"
WORK="$(mktemp -d /tmp/muninn-bench.XXXXXX)"
MUNINN_PID=""

log() { printf '>> %s\n' "$*" >&2; }

cleanup() {
  set +e
  [ -n "$MUNINN_PID" ] && kill "$MUNINN_PID" 2>/dev/null && wait "$MUNINN_PID" 2>/dev/null
  for name in upstream proxy; do
    [ -f "$WORK/$name.pid" ] && kill "$(cat "$WORK/$name.pid")" 2>/dev/null
  done
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  log "installing nginx and wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi
NGINX="$(command -v nginx)"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the server"
  (cd "$ROOT" && { ./mvnw -B -q -o -pl muninn-server -am package -DskipTests || ./mvnw -B -q -pl muninn-server -am package -DskipTests; })
fi
JAR="$(ls "$ROOT"/muninn-server/target/muninn-server-*.jar | grep -v original | head -1)"

# --- nginx: upstream and plain proxy -------------------------------------------------------------
mkdir -p "$WORK"/{body,proxy,fastcgi,uwsgi,scgi}
for name in upstream proxy; do
  sed -e "s#@DIR@#$WORK#g" -e "s#@UPSTREAM_PORT@#$UPSTREAM_PORT#g" -e "s#@PROXY_PORT@#$PROXY_PORT#g" \
    "$ROOT/bench/nginx-$name.conf.template" > "$WORK/$name.conf"
  "$NGINX" -p "$WORK" -e "$WORK/$name-error.log" -c "$WORK/$name.conf"
done
sleep 0.5
curl -fsS -X POST -d '{}' "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" >/dev/null
curl -fsS -X POST -d '{}' "http://127.0.0.1:$PROXY_PORT/sse/v1/chat/completions" >/dev/null

# --- Muninn ---------------------------------------------------------------------------------------
STARTUP_MS=""
STARTED_LOG=""
RSS_IDLE_KB=""
start_muninn() { # $1 = http client, $2 = java binary
  rm -rf "$WORK/data"
  local t0 t1
  t0=$(date +%s%N)
  SERVER_PORT=$MUNINN_PORT MUNINN_DATA_DIR="$WORK/data" MUNINN_ADMIN_TOKEN="$ADMIN_TOKEN" \
    "$2" ${BENCH_JAVA_OPTS:-} -jar "$JAR" --muninn.gateway.http-client="$1" --server.address=127.0.0.1 \
    >"$WORK/muninn-$1.log" 2>&1 &
  MUNINN_PID=$!
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$MUNINN_PORT/actuator/health" >/dev/null 2>&1; then break; fi
    sleep 0.05
  done
  t1=$(date +%s%N)
  curl -fsS "http://127.0.0.1:$MUNINN_PORT/actuator/health" >/dev/null
  if [ -z "$STARTUP_MS" ]; then
    STARTUP_MS=$(( (t1 - t0) / 1000000 ))
    STARTED_LOG="$(grep -o 'Started MuninnApplication in [0-9.]* seconds[^)]*)' "$WORK/muninn-$1.log" | head -1 || true)"
    sleep 2
    RSS_IDLE_KB="$(awk '/VmRSS/ {print $2}' /proc/$MUNINN_PID/status)"
  fi
}
stop_muninn() {
  kill "$MUNINN_PID" 2>/dev/null || true
  wait "$MUNINN_PID" 2>/dev/null || true
  MUNINN_PID=""
}
api() { # method path [json]
  curl -fsS -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "http://127.0.0.1:$MUNINN_PORT$2"
}
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
configure_muninn() {
  local chat sse
  chat=$(api POST /api/v1/llm/providers "{\"name\":\"bench-upstream\",\"provider_type\":\"custom\",\"base_url\":\"http://127.0.0.1:$UPSTREAM_PORT\"}" | json_field id)
  sse=$(api POST /api/v1/llm/providers "{\"name\":\"bench-upstream-sse\",\"provider_type\":\"custom\",\"base_url\":\"http://127.0.0.1:$UPSTREAM_PORT/sse\"}" | json_field id)
  for p in "$chat" "$sse"; do
    api POST "/api/v1/llm/providers/$p/models" '{"model":"bench-model","supports_streaming":true}' >/dev/null
  done
  api POST /api/v1/llm/interaction-types '{"name":"bench-chat"}' >/dev/null
  api POST /api/v1/llm/interaction-types '{"name":"bench-stream"}' >/dev/null
  api PUT /api/v1/llm/config/bench-chat "{\"provider_id\":\"$chat\",\"model_name\":\"bench-model\"}" >/dev/null
  api PUT /api/v1/llm/config/bench-stream "{\"provider_id\":\"$sse\",\"model_name\":\"bench-model\"}" >/dev/null
  CALLER_KEY=$(api POST /api/v1/llm/api-keys '{"name":"bench"}' | json_field key)
}

# --- wrk ------------------------------------------------------------------------------------------
# Prints: rps p50_us p99_us errors
measure() { # url model stream connections token
  local threads=1
  [ "$4" -gt 1 ] && threads=2
  local out
  out=$(BENCH_MODEL="$2" BENCH_STREAM="$3" BENCH_TOKEN="$5" \
    wrk -t"$threads" -c"$4" -d"${DURATION}s" --timeout 5s --latency -s "$ROOT/bench/post.lua" "$1")
  echo "$out" >>"$WORK/wrk.log"
  echo "$out" | awk '
    function us(v) { if (v ~ /us$/) return v+0; if (v ~ /ms$/) return v*1000; if (v ~ /s$/) return v*1000000; return v }
    /Requests\/sec/ { rps=$2 }
    $1=="50%" { p50=us($2) }
    $1=="99%" { p99=us($2) }
    /Non-2xx/ { err+=$NF }
    /Socket errors/ { gsub(",", ""); err+=$4+$6+$8+$10 }
    END { printf "%.0f %.0f %.0f %d\n", rps, p50, p99, err }'
}

declare -A R
run_rows() { # label url_base streamflag model token
  for c in 1 32; do
    R["$1|$c"]="$(measure "$2" "$4" "$3" "$c" "$5")"
    log "$1 c=$c: ${R["$1|$c"]}"
  done
}

log "direct and nginx proxy"
run_rows "direct" "http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions" 0 bench-model ""
run_rows "nginx-proxy" "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" 0 bench-model ""
run_rows "direct-sse" "http://127.0.0.1:$UPSTREAM_PORT/sse/v1/chat/completions" 1 bench-model ""
run_rows "nginx-proxy-sse" "http://127.0.0.1:$PROXY_PORT/sse/v1/chat/completions" 1 bench-model ""

RSS_LOADED_KB=""
LABELS=""
for variant in $VARIANTS; do
  client="${variant%%:*}"
  javabin="${variant#*:}"
  major="$("$javabin" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')"
  label="$client-j$major"
  LABELS="$LABELS $label"
  log "Muninn with the $client client on Java $major"
  start_muninn "$client" "$javabin"
  configure_muninn
  curl -fsS -H "Authorization: Bearer $CALLER_KEY" -H 'Content-Type: application/json' \
    -d '{"model":"bench-chat","messages":[{"role":"user","content":"hi"}]}' \
    "http://127.0.0.1:$MUNINN_PORT/v1/chat/completions" >/dev/null
  # JIT warm-up, not measured: on two busy cores C2 needs about 90 s of load to finish (bench/README.md)
  for _ in $(seq 1 $(( (WARMUP + 9) / 10 ))); do
    BENCH_MODEL=bench-chat BENCH_TOKEN="$CALLER_KEY" wrk -t2 -c32 -d5s -s "$ROOT/bench/post.lua" \
      "http://127.0.0.1:$MUNINN_PORT/v1/chat/completions" >/dev/null
    BENCH_MODEL=bench-stream BENCH_STREAM=1 BENCH_TOKEN="$CALLER_KEY" wrk -t2 -c32 -d5s -s "$ROOT/bench/post.lua" \
      "http://127.0.0.1:$MUNINN_PORT/v1/chat/completions" >/dev/null
  done
  sleep 5 # let the compilations the warm-up queued finish before measuring
  run_rows "muninn-$label" "http://127.0.0.1:$MUNINN_PORT/v1/chat/completions" 0 bench-chat "$CALLER_KEY"
  run_rows "muninn-$label-sse" "http://127.0.0.1:$MUNINN_PORT/v1/chat/completions" 1 bench-stream "$CALLER_KEY"
  [ -z "$RSS_LOADED_KB" ] && RSS_LOADED_KB="$(awk '/VmHWM/ {print $2}' /proc/$MUNINN_PID/status)"
  stop_muninn
done

# --- table ----------------------------------------------------------------------------------------
row() { # label baseline proxy conns
  local v b p
  read -r rps p50 p99 err <<<"${R["$1|$4"]}"
  read -r _ bp50 _ _ <<<"${R["$2|$4"]}"
  read -r prps _ _ _ <<<"${R["$3|$4"]}"
  local added="-" ratio="-"
  [ "$1" != "$2" ] && added=$(( p50 - bp50 ))
  [ "$1" != "$2" ] && [ "$1" != "$3" ] && ratio=$(awk -v a="$rps" -v b="$prps" 'BEGIN { printf "%.2f", a / b }')
  printf '| %-22s | %4s | %9s | %8s | %8s | %10s | %14s | %6s |\n' "$1" "$4" "$rps" "$p50" "$p99" "$added" "$ratio" "$err"
}
echo
echo "Muninn gateway benchmark (variants: $VARIANTS)"
echo "Muninn gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), nginx $("$NGINX" -v 2>&1 | sed 's#.*/##'), wrk ${DURATION}s per cell"
echo
echo "| row                    | conn |  req/s    | p50 µs   | p99 µs   | +p50 µs    | ×nginx proxy   | errors |"
echo "|------------------------|------|-----------|----------|----------|------------|----------------|--------|"
for c in 1 32; do
  row direct direct nginx-proxy "$c"
  row nginx-proxy direct nginx-proxy "$c"
  for label in $LABELS; do row "muninn-$label" direct nginx-proxy "$c"; done
  row direct-sse direct-sse nginx-proxy-sse "$c"
  row nginx-proxy-sse direct-sse nginx-proxy-sse "$c"
  for label in $LABELS; do row "muninn-$label-sse" direct-sse nginx-proxy-sse "$c"; done
done
echo
echo "Start-up (launch to /actuator/health answering): ${STARTUP_MS} ms; ${STARTED_LOG}"
echo "Resident memory: $(( RSS_IDLE_KB / 1024 )) MB idle after start, $(( RSS_LOADED_KB / 1024 )) MB peak after load (first variant)"
echo "Load average while running (other work shares this machine): $(cut -d' ' -f1-3 /proc/loadavg)"

# --- JMH: resolution --------------------------------------------------------------------------------
if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  log "JMH: resolving the effective configuration"
  (cd "$ROOT" && { ./mvnw -B -q -o -pl muninn-server -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null \
    || ./mvnw -B -q -pl muninn-server -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null; })
  echo
  java -cp "$ROOT/muninn-server/target/test-classes:$ROOT/muninn-server/target/classes:$(cat "$WORK/cp.txt")" \
    org.openjdk.jmh.Main 'dev.muninn.server.gateway.ResolveBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s -tu ns -bm avgt \
    2>&1 | sed -n '/^Benchmark/,$p'
fi
