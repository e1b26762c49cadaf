#!/usr/bin/env bash
# WordPress (WXR) import benchmark, through the running site as a user runs it:
#   1. generates an export of POSTS posts and times a bare StAX pass over it (the reference);
#   2. starts the site (-Xmx256m, demo content, fresh data directory) and measures the article
#      page's latency with wrk (16 connections, readers arriving at BENCH_READER_RATE pages/s in all)
#      before the import;
#   3. runs `import-wxr` on the command line, which goes through the running site as a job, while
#      wrk keeps loading the article page at the same rate; samples the site's heap every second (jstat);
#   4. prints the import rate next to the reference, the first pass's time and the rate per quarter
#      of the posts (from the progress lines' times), the article page's p99 during the import next
#      to the one before, the peak heap, and checks the site still serves.
# With --direct, only the old in-process measurement (importer in a JVM of its own, no site).
#
#   bash bench/wxr.sh [POSTS]            # default 20000
#   bash bench/wxr.sh --direct [POSTS]   # default 50000
#
# Environment: MVN, MVN_FLAGS (see bench/README.md), BENCH_HEAP (site heap, default 256m),
# BENCH_CONNECTIONS (default 16), BENCH_READER_RATE (article pages a second from all connections,
# default 100, about 8.6 million page views a day; 0: as fast as the site answers, which leaves the
# import only what CPU the page rendering does not take), BENCH_KEEP=1 keeps the work directory,
# BENCH_SITE_OPTS adds JVM options to the site (a profiler: -XX:StartFlightRecording=filename=site.jfr).
set -euo pipefail

cd "$(dirname "$0")/.."
DIRECT=""
if [[ "${1:-}" == "--direct" ]]; then
  DIRECT=1
  shift
fi
POSTS="${1:-$([[ -n "$DIRECT" ]] && echo 50000 || echo 20000)}"
HEAP="${BENCH_HEAP:-256m}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
READER_RATE="${BENCH_READER_RATE:-100}"
BENCH_NO_CORPUS=1
# shellcheck source=bench/lib.sh
source bench/lib.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/minbar-wxr-bench.XXXXXX")"
SITE_PID=""
WRK_PID=""
SAMPLER_PID=""
cleanup() {
  for pid in "$WRK_PID" "$SAMPLER_PID"; do
    [[ -n "$pid" ]] && kill "$pid" 2> /dev/null || true
  done
  if [[ -n "$SITE_PID" ]]; then
    kill "$SITE_PID" 2> /dev/null || true
    wait "$SITE_PID" 2> /dev/null || true
  fi
  [[ -n "${BENCH_KEEP:-}" ]] && echo "work directory kept: $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
FILE="$WORK/export.xml"

java -cp "$BENCH_CLASSPATH" org.minbar.migration.WxrBenchmark generate "$FILE" "$POSTS"
REFERENCE="$(java -Xmx"$HEAP" -cp "$BENCH_CLASSPATH" org.minbar.migration.WxrBenchmark parse "$FILE")"
echo "$REFERENCE"

if [[ -n "$DIRECT" ]]; then
  java -Xmx"${BENCH_HEAP:-512m}" -XX:+UseG1GC -cp "$BENCH_CLASSPATH" org.minbar.migration.WxrBenchmark import "$FILE" "$WORK/data"
  exit 0
fi

command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DATA="$WORK/site"
mkdir -p "$DATA"
echo "starting the site: port $PORT, -Xmx$HEAP, data $DATA" >&2
MINBAR_DATA="$DATA" PORT="$PORT" MINBAR_ADMIN_PASSWORD=bench-admin-password-1 \
  java -Xmx"$HEAP" -XX:+UseG1GC -Xlog:gc:file="$WORK/gc.log" ${BENCH_SITE_OPTS:-} -cp "$BENCH_CLASSPATH" org.minbar.MinbarApplication \
  > "$WORK/site.log" 2>&1 &
SITE_PID=$!
for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health" 2> /dev/null | grep -q UP && [[ -f "$DATA/run/site.properties" ]]; then
    break
  fi
  kill -0 "$SITE_PID" 2> /dev/null || { echo "the site did not start:" >&2; tail -30 "$WORK/site.log" >&2; exit 1; }
  sleep 1
done
ARTICLE="$(curl -fs "http://127.0.0.1:$PORT/" | grep -o 'href="/news/[0-9]*/[^"]*"' | sed -n '1{s/href="//; s/"$//; p}')" # sed reads to the end: head would end grep with SIGPIPE, which pipefail turns into an exit
[[ -n "$ARTICLE" ]] || { echo "no article link on the home page" >&2; exit 1; }
URL="http://127.0.0.1:$PORT$ARTICLE"
echo "article page: $ARTICLE" >&2

# Each connection waits between its requests so that all of them together ask READER_RATE pages a second.
PACE="$WORK/pace.lua"
if [[ "$READER_RATE" -gt 0 ]]; then
  echo "function delay() return $((CONNECTIONS * 1000 / READER_RATE)) end" > "$PACE"
  READERS="$READER_RATE pages/s"
else
  echo "" > "$PACE"
  READERS="as fast as answered"
fi
p99() { awk '$1 == "99%" { print $2 }' "$1"; }
non2xx() { awk '/Non-2xx/ { print $NF } /Socket errors/ { print "socket errors:", $0 }' "$1" | tr '\n' ' '; }

echo "article page before the import: wrk -t2 -c$CONNECTIONS -d15s, readers $READERS" >&2
wrk -t2 -c"$CONNECTIONS" -d15s --latency -s "$PACE" "$URL" > "$WORK/wrk-before.txt"

# Heap used (survivors + eden + old, KB) every second, from jstat.
jstat -gc "$SITE_PID" 1000 > "$WORK/jstat.txt" 2> /dev/null &
SAMPLER_PID=$!
wrk -t2 -c"$CONNECTIONS" -d3600s --latency -s "$PACE" "$URL" > "$WORK/wrk-during.txt" 2>&1 &
WRK_PID=$!
sleep 1
echo "import-wxr through the running site (the command line follows the job)..." >&2
START=$(date +%s.%N)
set +e
# Each progress line also goes, with the time it came, to import-times.txt: the rate along the import.
MINBAR_DATA="$DATA" java -cp "$BENCH_CLASSPATH" org.minbar.MinbarApplication import-wxr "$FILE" 2> "$WORK/import.err" \
  | while IFS= read -r line; do
      printf '%s\n' "$line" >> "$WORK/import.txt"
      printf '%s %s\n' "$(date +%s.%N)" "$line" >> "$WORK/import-times.txt"
    done
STATUS=${PIPESTATUS[0]}
set -e
END=$(date +%s.%N)
kill -INT "$WRK_PID"
wait "$WRK_PID" || true
WRK_PID=""
kill "$SAMPLER_PID" 2> /dev/null || true
SAMPLER_PID=""
grep -v '^Importing \[' "$WORK/import.txt" | sed 's/^/  /' >&2 || true
cat "$WORK/import.err" >&2

AFTER="$(curl -s -o /dev/null -w '%{http_code}' "$URL")"
HEALTH="$(curl -s "http://127.0.0.1:$PORT/actuator/health")"
CREATED="$(grep -o '^created [0-9]*' "$WORK/import.txt" | tail -1 | awk '{ print $2 }')"
TOOK="$(grep -o '^Took [0-9.]*' "$WORK/import.txt" | tail -1 | awk '{ print $2 }')"
WALL="$(echo "$END - $START" | bc)"
PEAK_KB="$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%d", max }' "$WORK/jstat.txt")"
AFTER_GC="$(sed -nE 's/.*Pause Young.* [0-9]+M->([0-9]+)M\(.*/\1/p' "$WORK/gc.log" | sort -n | tail -1)"
LOST="$(grep -c 'This store is closed\|AsyncRequestTimeoutException\|OutOfMemoryError' "$WORK/site.log" || true)"

echo
echo "WORDPRESS IMPORT THROUGH THE RUNNING SITE ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  export: $POSTS posts, $(du -m "$FILE" | cut -f1) MB"
echo "  $REFERENCE"
printf "  import-wxr through the site: status %s, created %s, in %s s (command line's own count) / %.1f s wall: %.0f posts/s\n" \
  "$STATUS" "${CREATED:-?}" "${TOOK:-?}" "$WALL" "$(echo "${CREATED:-0} / ${TOOK:-$WALL}" | bc -l)"
# From the progress lines' times: how long the first pass (authors, terms, attachments) took, and the
# posts created per second in each quarter of the second pass (the JIT's warm-up shows in the first).
echo "  along the import: $(awk '/Importing \[/ && match($0, /created [0-9]+/) {
    n = substr($0, RSTART + 8, RLENGTH - 8) + 0
    if (start == "") start = $1
    if (n > 0 && t0 == "") { printf "first pass %.1f s; posts/s per quarter:", $1 - start; t0 = $1; n0 = n; next_at = n0 + total / 4 }
    else if (t0 != "" && n >= next_at) { printf " %.0f", (n - n0) / ($1 - t0); t0 = $1; n0 = n; next_at = n + total / 4 }
  }' total="$POSTS" "$WORK/import-times.txt" 2> /dev/null)"
echo "  article page, wrk -t2 -c$CONNECTIONS, readers $READERS: p99 before the import $(p99 "$WORK/wrk-before.txt"), during the import $(p99 "$WORK/wrk-during.txt")"
echo "    before: $(grep -E 'Requests/sec' "$WORK/wrk-before.txt" | xargs) $(non2xx "$WORK/wrk-before.txt")"
echo "    during: $(grep -E 'Requests/sec' "$WORK/wrk-during.txt" | xargs) $(non2xx "$WORK/wrk-during.txt")"
echo "  site heap (-Xmx$HEAP): peak used (jstat, every second, garbage included) $((PEAK_KB / 1024)) MB; largest heap after a young collection (GC log) ${AFTER_GC:-?} MB"
echo "  afterwards: article page HTTP $AFTER, health $HEALTH; store closed / request timeouts / OOM in the site log: $LOST"
