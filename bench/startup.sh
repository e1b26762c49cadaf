#!/usr/bin/env bash
# Start-up from an existing data directory to the first page: `java -jar target/minbar.jar` (the
# reference, as Minbar started until now) and bin/minbar (extracted jar and class data sharing
# archive), interleaved A B A B, each start timed from the launch to the first 200 of the home page
# and of an article page. Prints each round, the ratio B/A per round and the medians.
# Target: bin/minbar to the first page in under 3 s.
#
# Usage: bench/startup.sh [ROUNDS]                    (default 5)
# Environment: BENCH_ROUNDS, BENCH_HEAP (512m), BENCH_BUILD (1: rebuild target/minbar.jar even if
#   present), MVN, MVN_FLAGS (default -o), BENCH_KEEP (1: keep the temporary data directory).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${1:-${BENCH_ROUNDS:-5}}"
HEAP="${BENCH_HEAP:-512m}"
PORT=18097
log() { echo "$*" >&2; }

if [[ ! -f target/minbar.jar || "${BENCH_BUILD:-0}" == 1 ]]; then
  log "Building target/minbar.jar (${MVN:-./mvnw} ${MVN_FLAGS--o} -DskipTests package)..."
  # shellcheck disable=SC2086
  ${MVN:-./mvnw} -q ${MVN_FLAGS--o} -DskipTests package >&2
fi

DATA=$(mktemp -d /tmp/minbar-startup.XXXXXX)
cleanup() {
  [[ -n "${PID:-}" ]] && kill "$PID" 2> /dev/null || true
  if [[ "${BENCH_KEEP:-0}" != 1 ]]; then rm -rf "$DATA"; else log "Kept $DATA"; fi
}
trap cleanup EXIT
export MINBAR_DATA="$DATA/data" MINBAR_ADMIN_PASSWORD=startup-bench-password

# Seconds from now until $1 answers 200 (every 20 ms), or fails after 120 s.
until_200() {
  local url=$1 start=$2
  for _ in $(seq 1 6000); do
    if [[ $(curl -s -o /dev/null -w "%{http_code}" "$url" 2> /dev/null) == 200 ]]; then
      echo "$(date +%s.%N) - $start" | bc
      return 0
    fi
    sleep 0.02
  done
  log "No answer from $url"; return 1
}

stop() {
  kill "$PID" 2> /dev/null || true
  wait "$PID" 2> /dev/null || true
  PID=
}

log "First start: the demo content goes into $DATA/data..."
java -Xmx"$HEAP" -jar target/minbar.jar --server.port=$PORT > "$DATA/first.log" 2>&1 &
PID=$!
until_200 "http://localhost:$PORT/" "$(date +%s.%N)" > /dev/null
for _ in $(seq 1 600); do # the demo articles are loaded once the site is ready
  grep -q "loaded [0-9]* demo articles" "$DATA/first.log" && break
  sleep 0.5
done
sleep 3
ARTICLE=$(curl -s "http://localhost:$PORT/" | grep -o 'href="/news/[0-9]*/[^"]*"' | sed -n '1s/href="\(.*\)"$/\1/p')
stop
log "Article page: $ARTICLE"
log "Preparing bin/minbar's start (extract and class data sharing archive, once per build)..."
MINBAR_APP="$DATA/app" bin/minbar help > /dev/null 2>&1

start_one() { # kind -> "home article" seconds
  local kind=$1 start
  start=$(date +%s.%N)
  if [[ $kind == A ]]; then
    java -Xmx"$HEAP" -jar target/minbar.jar --server.port=$PORT > "$DATA/$kind.log" 2>&1 &
  else
    JAVA_OPTS="-Xmx$HEAP" MINBAR_APP="$DATA/app" bin/minbar --server.port=$PORT > "$DATA/$kind.log" 2>&1 &
  fi
  PID=$!
  local home article
  home=$(until_200 "http://localhost:$PORT/" "$start")
  article=$(until_200 "http://localhost:$PORT$ARTICLE" "$start")
  stop
  echo "$home $article"
}

printf '%-6s %-28s %-28s %s\n' round "java -jar (A): home, article" "bin/minbar (B): home, article" "B/A (home)" >&2
RESULTS=()
for round in $(seq 1 "$ROUNDS"); do
  read -r ah aa <<< "$(start_one A)"
  read -r bh ba <<< "$(start_one B)"
  ratio=$(echo "scale=2; $bh / $ah" | bc)
  printf '%-6s %-28s %-28s %s\n' "$round" "$(printf '%.2f s, %.2f s' "$ah" "$aa")" "$(printf '%.2f s, %.2f s' "$bh" "$ba")" "$ratio"
  RESULTS+=("$ah $aa $bh $ba $ratio")
done
printf '%s\n' "${RESULTS[@]}" | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
med = [statistics.median(r[i] for r in rows) for i in range(5)]
print(f"median: java -jar {med[0]:.2f} s (article {med[1]:.2f} s), bin/minbar {med[2]:.2f} s (article {med[3]:.2f} s), B/A {med[4]:.2f}")
verdict = "PASS" if med[2] < 3 else "FAIL"
print(f"target: bin/minbar to the first page in under 3 s: {verdict} ({med[2]:.2f} s)")
'
