#!/usr/bin/env bash
# Reader pages at static-file speed (issue "Speed"): loads the corpus (10,000 Arabic articles) into a
# fresh site through import-wxr, then measures with wrk, in one run and interleaved round by round:
#   nginx serving exactly the bytes Minbar returned for the article page as a static file, plain and
#   precompressed (the reference), then Minbar's article page (cache on, plain and gzip), its home,
#   section, search and feed pages (gzip), and the article page with the cache off (a request with a
#   session cookie is never served from the page cache);
# at 64 and 256 connections, 15 s each. While the load runs, an editor publishes an article every
# second through the newsroom (bench/publish-probe.py) and a reader polls the home page, the
# section and the feed: how long until each publish shows. Prints requests/s, p50, p99, errors and
# bytes per response, Minbar/nginx per round and the median, the site's live heap, and the targets.
#
# Usage: bench/pages.sh [SECONDS_PER_RUN] [LEVEL...]          (default 15 64 256)
# Environment: BENCH_ROUNDS (2), BENCH_ARTICLES (all of the corpus), BENCH_HEAP (site heap, 256m: the
#   target), BENCH_BUILD (1: rebuild target/minbar.jar), MVN, MVN_FLAGS (default -o), MINBAR_CORPUS,
#   BENCH_KEEP (1: keep the work directory).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-15}"
shift || true
LEVELS="${*:-64 256}"
ROUNDS="${BENCH_ROUNDS:-2}"
HEAP="${BENCH_HEAP:-256m}"
CORPUS="${MINBAR_CORPUS:-../shared/corpus/arabic-news.jsonl}"
log() { echo "$*" >&2; }
[[ -f "$CORPUS" ]] || { log "The corpus is not at $CORPUS; set MINBAR_CORPUS=/path/to/arabic-news.jsonl"; exit 2; }

install() { # install COMMAND PACKAGE
  command -v "$1" > /dev/null || [[ -x "/usr/sbin/$1" ]] && return 0
  log "$1 is missing; installing $2 from Debian..."
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get install -y -q "$2" > /dev/null 2>&1 || { $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q "$2" > /dev/null; }
}
install wrk wrk
install nginx nginx
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
ulimit -n 65536 2> /dev/null || true

if [[ ! -f target/minbar.jar || "${BENCH_BUILD:-0}" == 1 ]]; then
  log "Building target/minbar.jar (${MVN:-./mvnw} ${MVN_FLAGS--o} package)..."
  # shellcheck disable=SC2086
  ${MVN:-./mvnw} -q ${MVN_FLAGS--o} -DskipTests package >&2
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

WORK="$(mktemp -d -t minbar-pages.XXXXXX)"
SITE_PID=""; NGINX_PID=""; PROBE_PID=""
cleanup() {
  for pid in "$PROBE_PID" "$NGINX_PID" "$SITE_PID"; do [[ -n "$pid" ]] && kill "$pid" 2> /dev/null || true; done
  [[ -n "$SITE_PID" ]] && wait "$SITE_PID" 2> /dev/null || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ the site, with the corpus
python3 bench/corpus-wxr.py "$CORPUS" "$WORK/corpus.xml" ${BENCH_ARTICLES:-}
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
PASSWORD="bench-$(date +%s)-password"
log "Starting the site on port $PORT (-Xmx$HEAP), data in $WORK/data..."
# The search limit (60 a minute per address) is raised: every wrk request comes from 127.0.0.1.
MINBAR_DATA="$WORK/data" PORT="$PORT" MINBAR_ADMIN_PASSWORD="$PASSWORD" \
  java -Xmx"$HEAP" -Dminbar.rate-limit.searches-per-minute=100000000 -jar target/minbar.jar > "$WORK/site.log" 2>&1 &
SITE_PID=$!
for _ in $(seq 1 300); do
  grep -q "Minbar is running at" "$WORK/site.log" && break
  kill -0 "$SITE_PID" 2> /dev/null || { log "The site did not start:"; tail -30 "$WORK/site.log" >&2; exit 1; }
  sleep 1
done
START=$(date +%s.%N)
MINBAR_DATA="$WORK/data" java -jar target/minbar.jar import-wxr "$WORK/corpus.xml" > "$WORK/import.txt" 2>&1 \
  || { log "import-wxr failed:"; tail -20 "$WORK/import.txt" >&2; exit 1; }
IMPORT_SECONDS=$(python3 -c "print(round($(date +%s.%N) - $START))")
ARTICLES=$(curl -s "$BASE/api/v1/articles?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
log "Imported in ${IMPORT_SECONDS}s; $ARTICLES published articles"

ARTICLE_PATH="$(curl -s "$BASE/" | grep -o 'href="/news/[0-9]*/[^"]*"' | sed -n '1{s/href="//; s/"$//; p}')"
SECTION=sport
declare -a NAMES=(article home section search feed)
declare -A PATHS=([article]="$ARTICLE_PATH" [home]="/" [section]="/section/$SECTION"
  [search]="/search?q=%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9" [feed]="/feed")
for name in "${NAMES[@]}"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' "$BASE${PATHS[$name]}")"
  log "  $name: ${PATHS[$name]} -> $status"
  [[ "$status" == 200 ]] || { log "$name does not answer 200; stopping"; exit 1; }
done

# The first start's background work (search index, demo) and the import's derived data settle first:
# up to two minutes, until the site uses less than a fifth of a core for three seconds running.
quiet=0
for _ in $(seq 1 120); do
  cpu_now="$(python3 - "$SITE_PID" <<'PY'
import os, sys, time
def ticks(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])
a = ticks(sys.argv[1]); time.sleep(1); b = ticks(sys.argv[1])
print((b - a) * 100 // os.sysconf("SC_CLK_TCK"))
PY
)"
  if (( cpu_now < 20 )); then quiet=$((quiet + 1)); else quiet=0; fi
  (( quiet >= 3 )) && break
done
# JIT warm-up: every measured page for 10 s before the first round.
for name in "${NAMES[@]}"; do
  wrk -t2 -c64 -d10s -H 'Accept-Encoding: gzip' "$BASE${PATHS[$name]}" > /dev/null 2>&1 || true
done
wrk -t2 -c64 -d5s -H "Cookie: JSESSIONID=bench-no-cache" "$BASE$ARTICLE_PATH" > /dev/null 2>&1 || true

# ------------------------------------------------------------------ the reference: nginx, the same bytes
NGINX_PORT="$(free_port)"
mkdir -p "$WORK/nginx/html"
curl -s "$BASE$ARTICLE_PATH" > "$WORK/nginx/html/article.html"
curl -s -H 'Accept-Encoding: gzip' "$BASE$ARTICLE_PATH" > "$WORK/nginx/html/article.html.gz"
# shellcheck source=bench/static-nginx.sh
source bench/static-nginx.sh
start_static_nginx "$NGINX_PORT" \
  || { log "nginx did not start: $(cat "$WORK/nginx/start.log")"; exit 1; }

# ------------------------------------------------------------------ measuring
GZ='Accept-Encoding: gzip'
run() { # run LABEL URL LEVEL [HEADER...] -> one line; the figures also in $WORK/runs.tsv
  local label="$1" url="$2" level="$3" out="$WORK/wrk-$1-$3-$RANDOM.txt"
  shift 3
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  wrk -t2 -c"$level" -d"${DURATION}s" --timeout 10s --latency -s bench/load.lua "${args[@]}" "$url" > "$out" 2>&1 || true
  python3 - "$out" "$label" "$level" "$ROUND" >> "$WORK/runs.tsv" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(p):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\b" % p, text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
read = re.search(r"([\d.]+)(B|KB|MB|GB) read", text)
load = re.search(r"LOAD non2xx=(\d+) 5xx=(\d+) timeouts=(\d+) connect=(\d+) read=(\d+) write=(\d+) requests=(\d+)", text)
if not (rps and read and load):
    print(f"{sys.argv[4]}\t{sys.argv[3]}\t{sys.argv[2]}\tnan\tnan\tnan\t0\t-1\tnan")
    sys.exit()
n = [int(x) for x in load.groups()]
size = float(read.group(1)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[read.group(2)]
errors = n[0] + n[2] + n[3] + n[4] + n[5]
print(f"{sys.argv[4]}\t{sys.argv[3]}\t{sys.argv[2]}\t{float(rps.group(1)):.0f}\t{ms(50):.2f}\t{ms(99):.2f}\t{n[6]}\t{errors}\t{size / max(1, n[6]):.0f}")
PY
  tail -1 "$WORK/runs.tsv" | awk -F'\t' '{printf "%5s %6s %-22s %9s %8s %8s %10s %7s %9s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
}

echo "Minbar reader pages: wrk -t2, ${DURATION}s per run, $ROUNDS rounds; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "Site: java -Xmx$HEAP -jar target/minbar.jar, H2, demo content + $ARTICLES corpus articles (imported in ${IMPORT_SECONDS}s)"
for name in "${NAMES[@]}"; do echo "  $name = ${PATHS[$name]}"; done
echo "  nginx = $("$NGINX" -v 2>&1 | sed 's/.*: //'), the article page's bytes as a static file (gzip_static for the .gz)"
echo "  (gzip): Accept-Encoding: gzip; uncached: with a session cookie, which the page cache never answers"
echo
printf "%5s %6s %-22s %9s %8s %8s %10s %7s %9s\n" round conns run "req/s" "p50 ms" "p99 ms" requests errors "bytes/rsp"
python3 bench/publish-probe.py "$BASE" "$PASSWORD" "$SECTION" 100000 "$WORK/probe.json" 2> "$WORK/probe.err" &
PROBE_PID=$!
for level in $LEVELS; do
  for ROUND in $(seq 1 "$ROUNDS"); do
    run nginx-gzip "http://127.0.0.1:$NGINX_PORT/article.html" "$level" "$GZ"
    run article-gzip "$BASE$ARTICLE_PATH" "$level" "$GZ"
    run nginx-plain "http://127.0.0.1:$NGINX_PORT/article.html" "$level"
    run article-plain "$BASE$ARTICLE_PATH" "$level"
    run article-uncached-gzip "$BASE$ARTICLE_PATH" "$level" "$GZ" "Cookie: JSESSIONID=bench-no-cache"
    for name in home section search feed; do
      run "$name-gzip" "$BASE${PATHS[$name]}" "$level" "$GZ"
    done
  done
done
touch "$WORK/probe.json.stop"
wait "$PROBE_PID" 2> /dev/null || { log "the publish probe failed:"; tail -5 "$WORK/probe.err" >&2; }
PROBE_PID=""

# Live heap: after a full collection.
jcmd "$SITE_PID" GC.run > /dev/null 2>&1 || true
HEAP_USED=$(jcmd "$SITE_PID" GC.heap_info 2> /dev/null | python3 -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"used (\d+)K", text)
print(round(int(m.group(1)) / 1024) if m else "nan")')

echo
python3 - "$WORK/runs.tsv" "$WORK/probe.json" "$HEAP_USED" "$HEAP" <<'PY'
import json, statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
runs = {}
for r in rows:
    runs.setdefault((r[1], r[2]), []).append({"round": r[0], "rps": float(r[3]), "p99": float(r[5]), "errors": int(r[7])})
levels = sorted({int(r[1]) for r in rows})
print("Minbar / nginx, per round (same run, interleaved), and the median:")
ok = True
for level in levels:
    for minbar, nginx in (("article-gzip", "nginx-gzip"), ("article-plain", "nginx-plain")):
        ratios = [m["rps"] / n["rps"] for m, n in zip(runs[(str(level), minbar)], runs[(str(level), nginx)]) if n["rps"] > 0]
        print(f"  {level:>4} conns {minbar:<14} / {nginx:<12}: " + "  ".join(f"{x:.3f}" for x in ratios)
              + f"   median {statistics.median(ratios):.3f}")
errors = sum(r["errors"] for v in runs.values() for r in v if r["errors"] > 0)
def median(level, name, key):
    return statistics.median(r[key] for r in runs[(str(level), name)])
print()
print("Targets (this run):")
for level in levels:
    ratio = statistics.median(m["rps"] / n["rps"] for m, n in zip(runs[(str(level), "article-gzip")], runs[(str(level), "nginx-gzip")]))
    p99 = median(level, "article-gzip", "p99")
    uncached = median(level, "article-uncached-gzip", "rps")
    a = ratio >= 0.5 and p99 < 20
    b = uncached >= 5000
    ok = ok and a and b
    print(f"  {level:>4} conns: cached article {ratio:.2f} of nginx (>= 0.5), p99 {p99:.1f} ms (< 20): {'PASS' if a else 'FAIL'};"
          f" uncached article {uncached:.0f} req/s (>= 5,000): {'PASS' if b else 'FAIL'}")
print(f"  errors (non-2xx, timeouts, socket errors) over all runs: {errors}: {'PASS' if errors == 0 else 'FAIL'}")
heap = sys.argv[3]
print(f"  live heap after a full GC: {heap} MB, running in -Xmx{sys.argv[4]} (< 256 MB): "
      + ("PASS" if heap != "nan" and float(heap) < 256 else "FAIL"))
try:
    probe = json.load(open(sys.argv[2]))
    late = sum(probe[k]["over_1s"] for k in ("home", "section", "feed"))
    print(f"  publishes during the load: {probe['published']} ({probe['failed']} failed); shown within 1 s on the home page,"
          f" the section and the feed: {'PASS' if late == 0 and probe['published'] > 0 else 'FAIL'}")
    for k in ("home", "section", "feed"):
        p = probe[k]
        print(f"    {k:<8} median {p['median_ms']} ms, max {p['max_ms']} ms, later than 1 s or missing: {p['over_1s']}")
    if probe["failures"]:
        print("    probe failures:", probe["failures"])
except (OSError, ValueError, KeyError) as e:
    print(f"  publishes during the load: no result ({e})")
PY
