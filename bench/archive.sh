#!/usr/bin/env bash
# An archive of ARTICLES articles on PostgreSQL (issue "Past one machine"): load time, start-up,
# search index build time, then page, search and sitemap latencies and the site's live heap.
#
#   bash bench/archive.sh [ARTICLES] [SECONDS_PER_RUN]     # default 1000000 15
#
# A private PostgreSQL cluster (Debian's postgresql, installed when missing) in a temporary directory;
# the articles written by org.minbar.article.ArchiveLoader (bulk SQL through the application's
# migrations: corpus records repeated, ten years of dates, two tags each); the site started from
# target/minbar.jar with the prod profile on that database; the search index built by the site
# itself (an empty index on a database with articles is rebuilt in the background at start); then
# wrk -t2 -c16 on each page. Environment: BENCH_HEAP (site heap, default 1g), BENCH_CONNECTIONS (16),
# BENCH_KEEP (1: keep the work directory), BENCH_NODES (2: then one node against two on the same
# database; 1: skip that), BENCH_NODE_ROUNDS (3 interleaved rounds of it), MVN, MVN_FLAGS, MINBAR_CORPUS. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES="${1:-1000000}"
DURATION="${2:-15}"
HEAP="${BENCH_HEAP:-1g}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
log() { echo "$*" >&2; }
BENCH_GOAL=package
# shellcheck source=bench/lib.sh
source bench/lib.sh

install() { # install COMMAND PACKAGE
  command -v "$1" > /dev/null && return 0
  log "$1 is missing; installing $2 from Debian..."
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get install -y -q "$2" > /dev/null 2>&1 || { $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q "$2" > /dev/null; }
}
install wrk wrk
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1 || true)"
if [[ -z "$PG_BIN" ]]; then install psql postgresql; PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

WORK="$(mktemp -d -t minbar-archive.XXXXXX)"
chmod 755 "$WORK"
SITE_PID=""; NODE_B_PID=""
as_db_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [[ -n "$NODE_B_PID" ]] && { kill "$NODE_B_PID" 2> /dev/null; wait "$NODE_B_PID" 2> /dev/null || true; }
  [[ -n "$SITE_PID" ]] && { kill "$SITE_PID" 2> /dev/null; wait "$SITE_PID" 2> /dev/null || true; }
  [[ -d "$WORK/pg" ]] && as_db_owner "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop > /dev/null 2>&1 || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ PostgreSQL and the archive
PG_PORT="$(free_port)"
mkdir -p "$WORK/pg"
[[ $(id -u) -eq 0 ]] && chown postgres: "$WORK/pg"
as_db_owner "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U minbar -E UTF8 --locale=C.UTF-8 > "$WORK/initdb.log"
as_db_owner "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_connections=100 -c synchronous_commit=on" \
  start > /dev/null
as_db_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U minbar minbar
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/minbar"
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT; writing $ARTICLES articles..."
LOAD="$(java -Xmx1g -cp "$BENCH_CLASSPATH" org.minbar.article.ArchiveLoader "$DB_URL" minbar "$CORPUS" "$ARTICLES")"
log "$LOAD"

# ------------------------------------------------------------------ the site: start-up and index build
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
PASSWORD="bench-$(date +%s)-password"
start_node() { # start_node DATA_DIR PORT LOG: a node of the site on the archive's database; prints its pid
  MINBAR_DATA="$1" PORT="$2" MINBAR_DB_URL="$DB_URL" MINBAR_DB_USER=minbar MINBAR_DB_PASSWORD= \
    MINBAR_ADMIN_PASSWORD="$PASSWORD" \
    java -Xmx"$HEAP" -Dminbar.rate-limit.searches-per-minute=100000000 -jar target/minbar.jar \
    --spring.profiles.active=prod > "$3" 2>&1 &
  echo $!
}
START=$(date +%s.%N)
start_node "$WORK/data" "$PORT" "$WORK/site.log" > "$WORK/site.pid"
SITE_PID="$(cat "$WORK/site.pid")"
for _ in $(seq 1 600); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/" || true)" == 200 ]] && break
  kill -0 "$SITE_PID" 2> /dev/null || { log "The site did not start:"; tail -30 "$WORK/site.log" >&2; exit 1; }
  sleep 0.2
done
STARTUP=$(python3 -c "print(round($(date +%s.%N) - $START, 1))")
log "First page after ${STARTUP}s; waiting for the search index..."
PUBLISHED="$(curl -s "$BASE/api/v1/articles?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
INDEXED=0
for _ in $(seq 1 7200); do
  INDEXED="$(curl -s "$BASE/api/v1/search?from=1900-01-01" | python3 -c 'import json,sys
try: print(json.load(sys.stdin).get("total", 0))
except Exception: print(0)')"
  [[ "$INDEXED" == "$PUBLISHED" ]] && break
  (( SECONDS % 30 == 0 )) && log "  indexed $INDEXED of $PUBLISHED"
  sleep 1
done
INDEX_SECONDS=$(python3 -c "print(round($(date +%s.%N) - $START - $STARTUP))")
log "Search index: $INDEXED of $PUBLISHED articles, ${INDEX_SECONDS}s after the first page"

# ------------------------------------------------------------------ latencies
figures() { # figures WRK_OUTPUT... -> "requests/s p50 p99 errors", requests/s summed, latencies of the first
  python3 - "$@" <<'PY'
import re, sys
rps_sum, errors, first = 0.0, 0, None
for path in sys.argv[1:]:
    text = open(path).read()
    def ms(p):
        m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\b" % p, text, re.M)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    load = re.search(r"LOAD non2xx=(\d+) timeouts=(\d+) connect=(\d+) read=(\d+) requests=(\d+)", text)
    n = [int(x) for x in load.groups()] if load else [-1, 0, 0, 0, 0]
    rps_sum += float(rps.group(1)) if rps else float("nan")
    errors += n[0] + n[1] + n[2] + n[3]
    first = first or (ms(50), ms(99))
print(f"{rps_sum:>9.0f} {first[0]:>8.2f} {first[1]:>8.2f} {errors:>7}")
PY
}
wrk_on() { # wrk_on BASE PATH CONNECTIONS OUT [LUA ARGS...]
  local base="$1" path="$2" connections="$3" out="$4"
  shift 4
  wrk -t2 -c"$connections" -d"${DURATION}s" --timeout 10s --latency -H 'Accept-Encoding: gzip' -s bench/archive.lua \
    "$base$path" -- "$@" > "$out" 2>&1 || true
}
run() { # run LABEL PATH [LUA ARGS...]
  local label="$1" path="$2"
  shift 2
  wrk_on "$BASE" "$path" "$CONNECTIONS" "$WORK/wrk-$label.txt" "$@"
  printf "  %-34s %s\n" "$label" "$(figures "$WORK/wrk-$label.txt")"
}
# Warm-up: the JIT, and the sitemap aggregates (read once per start).
curl -s -o /dev/null "$BASE/sitemap.xml"
wrk -t2 -c"$CONNECTIONS" -d10s -s bench/archive.lua "$BASE/" -- article "$ARTICLES" > /dev/null 2>&1 || true
LAST_SITEMAP="$(curl -s "$BASE/sitemap.xml" | grep -o 'sitemap-articles-[0-9]*\.xml' | sort -t- -k3 -n | tail -1)"

echo "Minbar at $ARTICLES articles on PostgreSQL: $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); wrk -t2 -c$CONNECTIONS, ${DURATION}s per page"
echo "Load (bulk SQL, ArchiveLoader): $LOAD"
echo "Site: java -Xmx$HEAP -jar target/minbar.jar --spring.profiles.active=prod; first page ${STARTUP}s after launch;"
echo "  search index built in the background in ${INDEX_SECONDS}s more ($INDEXED of $PUBLISHED articles)"
printf "  %-34s %9s %8s %8s %7s\n" page requests/s p50_ms p99_ms errors
run "article, random of the archive" "/" article "$ARTICLES"
run "article, one (page cache)" "/news/$ARTICLES/khabar-$ARTICLES" fixed
run "home" "/" fixed
run "section, first page" "/section/localNews" fixed
run "section, page 40 (?page=40)" "/section/localNews?page=40" fixed
run "search, one random word" "/" search
run "sitemap index" "/sitemap.xml" fixed
run "deepest article sitemap" "/$LAST_SITEMAP" fixed
run "news sitemap" "/sitemap-news.xml" fixed
jcmd "$SITE_PID" GC.run > /dev/null 2>&1 || true
HEAP_USED="$(jcmd "$SITE_PID" GC.heap_info 2> /dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)"
echo "  live heap after a full GC: $(( ${HEAP_USED:-0} / 1024 )) MB (of -Xmx$HEAP)"
echo "  database: $(psql -h 127.0.0.1 -p "$PG_PORT" -U minbar -d minbar -Atc "select pg_size_pretty(pg_database_size('minbar'))"); data directory (search index, media): $(du -sh "$WORK/data" 2> /dev/null | cut -f1)"

# ------------------------------------------------------------------ one node against two on one database
# Node B gets a copy of A's search index (A is idle), so it does not build its own for minutes.
[[ "${BENCH_NODES:-2}" == 2 ]] || exit 0
PORT_B="$(free_port)"
mkdir -p "$WORK/data-b"
cp -r "$WORK/data/index" "$WORK/data-b/index"
start_node "$WORK/data-b" "$PORT_B" "$WORK/site-b.log" > "$WORK/site-b.pid"
NODE_B_PID="$(cat "$WORK/site-b.pid")"
for _ in $(seq 1 600); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_B/" || true)" == 200 ]] && break
  kill -0 "$NODE_B_PID" 2> /dev/null || { log "Node B did not start:"; tail -30 "$WORK/site-b.log" >&2; exit 1; }
  sleep 0.2
done
wrk -t2 -c"$CONNECTIONS" -d10s -s bench/archive.lua "http://127.0.0.1:$PORT_B/" -- article "$ARTICLES" > /dev/null 2>&1 || true
echo
echo "One node against two nodes on the same PostgreSQL (same machine, $(nproc) cores: the nodes share them);"
echo "the same $CONNECTIONS connections in all, split between the nodes; rounds interleaved A, A+B"
printf "  %-5s %-26s %-6s %9s %8s %8s %7s\n" round page nodes requests/s p50_ms p99_ms errors
HALF=$(( CONNECTIONS / 2 ))
RATIOS="$WORK/ratios.txt"; : > "$RATIOS"
for round in $(seq 1 "${BENCH_NODE_ROUNDS:-3}"); do
  for page in "article, one (page cache)|/news/$ARTICLES/khabar-$ARTICLES|fixed" "article, random|/|article"; do
    IFS='|' read -r label path mode <<< "$page"
    wrk_on "$BASE" "$path" "$CONNECTIONS" "$WORK/one.txt" "$mode" "$ARTICLES"
    one="$(figures "$WORK/one.txt")"
    printf "  %-5s %-26s %-6s %s\n" "$round" "$label" 1 "$one"
    wrk_on "$BASE" "$path" "$HALF" "$WORK/two-a.txt" "$mode" "$ARTICLES" &
    local_wrk=$!
    wrk_on "http://127.0.0.1:$PORT_B" "$path" "$HALF" "$WORK/two-b.txt" "$mode" "$ARTICLES"
    wait "$local_wrk" # not a bare wait: the nodes are children of this shell too
    two="$(figures "$WORK/two-a.txt" "$WORK/two-b.txt")"
    printf "  %-5s %-26s %-6s %s\n" "$round" "$label" 2 "$two"
    echo "$label|$(awk '{print $1}' <<< "$one")|$(awk '{print $1}' <<< "$two")" >> "$RATIOS"
  done
done
echo "Two nodes' requests/s over one node's, per round, and the median:"
python3 - "$RATIOS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, one, two = line.strip().split("|")
    rows.setdefault(label, []).append(float(two) / float(one) if float(one) else float("nan"))
for label, ratios in rows.items():
    print(f"  {label:<26} {'  '.join(f'{r:.2f}' for r in ratios)}   median {statistics.median(ratios):.2f}")
PY
