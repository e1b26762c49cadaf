#!/usr/bin/env bash
# The read path under load: wrk at 64, 256 and 1,024 connections on the article page, the home page,
# a feed, search and the API of a freshly started site (demo content), next to nginx serving the same
# article page as a static file (the reference, same run). Prints requests/s, p50, p99, non-2xx,
# 5xx and timeouts per URL and level, and the connection pool's waits from the site's metrics.
# Target: zero 5xx and zero timeouts at every level.
#
# Usage: bench/load.sh [SECONDS_PER_RUN] [LEVEL...]        (default 30 64 256 1024)
#   quick:  bench/load.sh 10 64 256
# Environment: BENCH_DURATION, BENCH_LEVELS ("64 256 1024"), BENCH_THREADS (wrk threads, 2),
#   BENCH_HEAP (site heap, 1g), BENCH_TIMEOUT (wrk's per-request timeout, 10s), BENCH_REFERENCE
#   (1: nginx static reference, 0: none), BENCH_BUILD (1: rebuild target/minbar.jar even if present),
#   MVN, MVN_FLAGS (default -o), BENCH_KEEP (1: keep the temporary data directory).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-${BENCH_DURATION:-30}}"
shift || true
LEVELS="${*:-${BENCH_LEVELS:-64 256 1024}}"
THREADS="${BENCH_THREADS:-2}"
TIMEOUT="${BENCH_TIMEOUT:-10s}"

log() { echo "$*" >&2; }

# ------------------------------------------------------------------ tools
if ! command -v wrk > /dev/null; then
  log "wrk is missing; installing it from Debian (apt-get install wrk)..."
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y -q wrk > /dev/null || { apt-get update -q > /dev/null && apt-get install -y -q wrk > /dev/null; }
  else
    sudo apt-get install -y -q wrk > /dev/null
  fi
fi
REFERENCE="${BENCH_REFERENCE:-1}"
if [[ "$REFERENCE" == 1 ]] && ! command -v nginx > /dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  log "nginx is not installed: no static-file reference (apt-get install nginx-light to have one)."
  REFERENCE=0
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
# 1,024 connections need more than the default 1,024 open files (wrk's sockets, the site's).
ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)" 2> /dev/null || true

if [[ ! -f target/minbar.jar || "${BENCH_BUILD:-0}" == 1 ]]; then
  MVN="${MVN:-./mvnw}"
  log "Building target/minbar.jar ($MVN ${MVN_FLAGS--o} package)..."
  # shellcheck disable=SC2086
  $MVN -q ${MVN_FLAGS--o} -DskipTests package >&2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

WORK="$(mktemp -d -t minbar-load.XXXXXX)"
SITE_PID=""
NGINX_PID=""
cleanup() {
  [[ -n "$SITE_PID" ]] && kill "$SITE_PID" 2> /dev/null && wait "$SITE_PID" 2> /dev/null || true
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2> /dev/null || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ the site
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
log "Starting the site on port $PORT, data in $WORK/data (demo content loads on first start)..."
# For this run only:
# - the search rate limit (60 searches a minute per address by default) is raised: every wrk
#   request comes from 127.0.0.1 and would otherwise be answered 429;
# - the metrics endpoint is exposed (it is not by default); the site answers it to loopback clients only.
MINBAR_DATA="$WORK/data" PORT="$PORT" MINBAR_ADMIN_PASSWORD="bench-$(date +%s)-password" \
  java -Xmx"${BENCH_HEAP:-1g}" \
  -Dminbar.rate-limit.searches-per-minute=100000000 \
  -Dmanagement.endpoints.web.exposure.include=health,metrics \
  -jar target/minbar.jar > "$WORK/site.log" 2>&1 &
SITE_PID=$!
for _ in $(seq 1 300); do
  if grep -q "Minbar is running at" "$WORK/site.log"; then break; fi
  if ! kill -0 "$SITE_PID" 2> /dev/null; then log "The site did not start:"; tail -30 "$WORK/site.log" >&2; exit 1; fi
  sleep 1
done
grep -q "Minbar is running at" "$WORK/site.log" || { log "The site did not start within 300 s"; exit 1; }

# The seed article (the demo's first article, the one the issue measured), else the newest.
ARTICLE_ID="$(python3 - "$BASE" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
first = None
for page in range(1, 50):
    data = json.load(urllib.request.urlopen(f"{base}/api/v1/articles?size=100&page={page}"))
    for a in data["articles"]:
        first = first or a["id"]
        if a["title"].startswith("بايدن وبوتين"):
            print(a["id"]); sys.exit(0)
    if page >= data["pages"]:
        break
print(first)
PY
)"
ARTICLE_PATH="$(curl -s -o /dev/null -w '%{redirect_url}' "$BASE/news/$ARTICLE_ID" | sed "s|^$BASE||; s|^http://localhost:$PORT||")"
[[ -n "$ARTICLE_PATH" ]] || ARTICLE_PATH="/news/$ARTICLE_ID"
# سوريا
SEARCH_PATH="/search?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7"
declare -a NAMES=(article home feed search api)
declare -A PATHS=([article]="$ARTICLE_PATH" [home]="/" [feed]="/feed" [search]="$SEARCH_PATH" [api]="/api/v1/articles/$ARTICLE_ID")
for name in "${NAMES[@]}"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' "$BASE${PATHS[$name]}")"
  log "  $name: ${PATHS[$name]} -> $status"
  [[ "$status" == 200 ]] || { log "$name does not answer 200 before the load; stopping"; exit 1; }
done

# ------------------------------------------------------------------ the reference: nginx, static file
if [[ "$REFERENCE" == 1 ]]; then
  NGINX_PORT="$(free_port)"
  mkdir -p "$WORK/nginx/html"
  curl -s "$BASE$ARTICLE_PATH" > "$WORK/nginx/html/article.html"
  # shellcheck source=bench/static-nginx.sh
  source bench/static-nginx.sh
  if ! start_static_nginx "$NGINX_PORT"; then
    log "nginx did not start ($(cat "$WORK/nginx/start.log")): no reference"; REFERENCE=0
  fi
fi

# ------------------------------------------------------------------ measuring
metric() { # metric NAME STATISTIC -> the value from /actuator/metrics
  curl -s "$BASE/actuator/metrics/$1" | python3 -c "
import json, sys
try:
    m = json.load(sys.stdin)
    print(next(x['value'] for x in m['measurements'] if x['statistic'] == '$2'))
except Exception:
    print('nan')"
}

# Samples the pool's waiting threads while wrk runs; prints the most seen.
sample_pending() {
  local max=0 value
  while kill -0 "$1" 2> /dev/null; do
    value="$(metric hikaricp.connections.pending VALUE)"
    value="${value%.*}"
    [[ "$value" =~ ^[0-9]+$ ]] && (( value > max )) && max=$value
    sleep 1
  done
  echo "$max"
}

run() { # run NAME URL LEVEL
  local out="$WORK/wrk-$1-$3.txt" wrk_pid count0 time0 timeouts0 pending count1 time1 timeouts1 max_wait
  count0="$(metric hikaricp.connections.acquire COUNT)"; time0="$(metric hikaricp.connections.acquire TOTAL_TIME)"
  timeouts0="$(metric hikaricp.connections.timeout COUNT)"
  wrk -t"$THREADS" -c"$3" -d"${DURATION}s" --timeout "$TIMEOUT" --latency -s bench/load.lua "$2" > "$out" 2>&1 &
  wrk_pid=$!
  if [[ "$1" == reference ]]; then pending=-; wait "$wrk_pid" || true; else pending="$(sample_pending "$wrk_pid")"; wait "$wrk_pid" || true; fi
  python3 - "$out" "$1" "$3" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def latency(p):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\b" % p, text, re.M)
    if not m: return "-"
    v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return f"{v:.1f}ms" if v < 1000 else f"{v/1000:.2f}s"
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
load = re.search(r"LOAD non2xx=(\d+) 5xx=(\d+) timeouts=(\d+) connect=(\d+) read=(\d+) write=(\d+) requests=(\d+)", text)
if not rps or not load:
    print(f"{sys.argv[3]:>6} {sys.argv[2]:<10} wrk failed: {text.strip()[-200:]}")
    sys.exit(0)
n = load.groups()
print(f"{sys.argv[3]:>6} {sys.argv[2]:<10} {float(rps.group(1)):>10.0f} {latency(50):>9} {latency(99):>9} {n[6]:>9} {n[0]:>8} {n[1]:>6} {n[2]:>8} {int(n[3])+int(n[4])+int(n[5]):>7}", end="")
PY
  if [[ "$1" == reference ]]; then echo; return; fi
  count1="$(metric hikaricp.connections.acquire COUNT)"; time1="$(metric hikaricp.connections.acquire TOTAL_TIME)"
  timeouts1="$(metric hikaricp.connections.timeout COUNT)"; max_wait="$(metric hikaricp.connections.acquire MAX)"
  python3 -c "
c0, t0, c1, t1, o0, o1, mx = map(float, '$count0 $time0 $count1 $time1 $timeouts0 $timeouts1 $max_wait'.split())
n = c1 - c0
mean = (t1 - t0) / n * 1000 if n > 0 else 0.0
print(f' {int(n):>9} {mean:>9.2f}ms {mx*1000:>9.1f}ms {\"$pending\":>7} {int(o1 - o0):>8}')"
}

echo "Minbar read path under load: wrk -t$THREADS, ${DURATION}s per run, timeout $TIMEOUT; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "Site: java -Xmx${BENCH_HEAP:-1g} -jar target/minbar.jar, demo content, H2, Hikari pool of 10 (default);"
echo "      search rate limit raised for this run (-Dminbar.rate-limit.searches-per-minute=100000000), metrics exposed to loopback."
for name in "${NAMES[@]}"; do echo "  $name = ${PATHS[$name]}"; done
[[ "$REFERENCE" == 1 ]] && echo "  reference = nginx serving the article page's HTML as a static file (same machine, same run)"
echo
printf "%6s %-10s %10s %9s %9s %9s %8s %6s %8s %7s | %9s %11s %11s %7s %8s\n" conns url "req/s" p50 p99 requests non-2xx 5xx timeouts errors \
  "pool-gets" "mean-wait" "max-wait" pending "pool-t/o"
for level in $LEVELS; do
  for name in "${NAMES[@]}"; do
    run "$name" "$BASE${PATHS[$name]}" "$level"
  done
  [[ "$REFERENCE" == 1 ]] && run reference "http://127.0.0.1:$NGINX_PORT/article.html" "$level"
done
echo
echo "non-2xx: answers other than 2xx (wrk's Lua counter); errors: connect/read/write socket errors; pool-gets: connections"
echo "borrowed during the run; mean-wait/max-wait: Hikari's hikaricp.connections.acquire (max: the recent maximum);"
echo "pending: most threads seen waiting for a connection (sampled each second); pool-t/o: borrows that timed out."
SITE_RUNS=$(ls "$WORK"/wrk-*.txt | grep -v "/wrk-reference-")
# shellcheck disable=SC2086
FIVE=$(grep -ho "5xx=[0-9]*" $SITE_RUNS | awk -F= '{s+=$2} END {print s+0}')
# shellcheck disable=SC2086
TIMEOUTS=$(grep -ho "timeouts=[0-9]*" $SITE_RUNS | awk -F= '{s+=$2} END {print s+0}')
if [[ "$FIVE" == 0 && "$TIMEOUTS" == 0 ]]; then
  echo "Target (zero 5xx and zero timeouts at every level): PASS"
else
  echo "Target (zero 5xx and zero timeouts at every level): FAIL ($FIVE 5xx, $TIMEOUTS timeouts)"
fi
