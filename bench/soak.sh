#!/usr/bin/env bash
# Soak (issue 19): a long run under mixed load, watching that nothing grows without bound. Loads a
# corpus subset into a fresh site through import-wxr, then for DURATION runs at once:
#   readers   wrk, 16 connections, rotating over the article, home, section and feed pages;
#   searches  curl, one Arabic query after another from a rotating list;
#   newsroom  bench/publish-probe.py: an editor saves and publishes an article every second;
#   imports   the same WXR file imported again every SOAK_IMPORT_EVERY seconds (updates, no new rows).
# Every SOAK_INTERVAL seconds it samples the site: heap after a full GC, threads, open files, RSS,
# database and index size on disk, and the readers' requests/s, p99 and errors over the interval,
# into a table. At the end it prints PASS or FAIL: FAIL on any error (non-2xx, 5xx, timeouts, failed
# searches, publishes or imports) or when heap-after-GC, threads or open files grew from the first
# third of the run to the last by more than the allowance, or the database grew faster in the second
# half than in the first.
#
# Usage: bench/soak.sh [DURATION]        (seconds, or with a unit: 10m (the default), 1h)
# Environment: SOAK_INTERVAL (30), SOAK_ARTICLES (2000 corpus articles), SOAK_IMPORT_EVERY (120),
#   BENCH_HEAP (256m), BENCH_BUILD (1: rebuild target/minbar.jar), MVN, MVN_FLAGS (-o), MINBAR_CORPUS,
#   BENCH_KEEP (1: keep the work directory, with site.log and samples.tsv).
set -euo pipefail
cd "$(dirname "$0")/.."

to_seconds() { case "$1" in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }
DURATION="$(to_seconds "${1:-10m}")"
INTERVAL="${SOAK_INTERVAL:-30}"
IMPORT_EVERY="${SOAK_IMPORT_EVERY:-120}"
HEAP="${BENCH_HEAP:-256m}"
CORPUS="${MINBAR_CORPUS:-../shared/corpus/arabic-news.jsonl}"
log() { echo "$*" >&2; }
[[ -f "$CORPUS" ]] || { log "The corpus is not at $CORPUS; set MINBAR_CORPUS=/path/to/arabic-news.jsonl"; exit 2; }
for tool in wrk curl jcmd python3; do command -v "$tool" > /dev/null || { log "$tool is missing"; exit 2; }; done

if [[ ! -f target/minbar.jar || "${BENCH_BUILD:-0}" == 1 ]]; then
  log "Building target/minbar.jar (${MVN:-./mvnw} ${MVN_FLAGS--o} package)..."
  # shellcheck disable=SC2086
  ${MVN:-./mvnw} -q ${MVN_FLAGS--o} -DskipTests package >&2
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

WORK="$(mktemp -d -t minbar-soak.XXXXXX)"
SITE_PID=""; PIDS=()
cleanup() {
  for pid in "${PIDS[@]}" "$SITE_PID"; do [[ -n "$pid" ]] && kill "$pid" 2> /dev/null || true; done
  [[ -n "$SITE_PID" ]] && wait "$SITE_PID" 2> /dev/null || true
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

python3 bench/corpus-wxr.py "$CORPUS" "$WORK/corpus.xml" "${SOAK_ARTICLES:-2000}"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
PASSWORD="soak-$(date +%s)-password"
log "Starting the site on port $PORT (-Xmx$HEAP), data in $WORK/data..."
MINBAR_DATA="$WORK/data" PORT="$PORT" MINBAR_ADMIN_PASSWORD="$PASSWORD" \
  java -Xmx"$HEAP" -Dminbar.rate-limit.searches-per-minute=100000000 -jar target/minbar.jar > "$WORK/site.log" 2>&1 &
SITE_PID=$!
for _ in $(seq 1 300); do
  grep -q "Minbar is running at" "$WORK/site.log" && break
  kill -0 "$SITE_PID" 2> /dev/null || { log "The site did not start:"; tail -30 "$WORK/site.log" >&2; exit 1; }
  sleep 1
done
MINBAR_DATA="$WORK/data" java -jar target/minbar.jar import-wxr "$WORK/corpus.xml" > "$WORK/import-0.txt" 2>&1 \
  || { log "import-wxr failed:"; tail -20 "$WORK/import-0.txt" >&2; exit 1; }
ARTICLE_PATH="$(curl -s "$BASE/" | grep -o 'href="/news/[0-9]*/[^"]*"' | sed -n '1{s/href="//; s/"$//; p}')"
PAGES=("$ARTICLE_PATH" "/" "/section/sport" "/feed")
log "Loaded $(curl -s "$BASE/api/v1/articles?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') articles; soaking for ${DURATION}s, a sample every ${INTERVAL}s"

END=$(( $(date +%s) + DURATION ))
# Searches: failures (anything but 200) are counted in searches.err.
( queries=(%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9 %D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF %D9%83%D8%B1%D8%A9
           %D8%A7%D9%84%D8%A7%D9%86%D8%AA%D8%AE%D8%A7%D8%A8%D8%A7%D8%AA %D9%85%D8%AF%D8%B1%D8%B3%D8%A9 %D8%B3%D9%88%D8%B1%D9%8A%D8%A7)
  n=0; ok=0; bad=0
  while (( $(date +%s) < END )); do
    q="${queries[$(( n % ${#queries[@]} ))]}"; n=$((n + 1))
    code="$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$BASE/search?q=$q&page=$(( n % 3 + 1 ))")" || code=000
    if [[ "$code" == 200 ]]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    echo "$ok $bad" > "$WORK/searches.count"
  done ) &
PIDS+=($!)
# Newsroom: saves and publishes (the probe writes its failures to its summary).
python3 bench/publish-probe.py "$BASE" "$PASSWORD" sport "$DURATION" "$WORK/probe.json" > "$WORK/probe.log" 2>&1 &
PIDS+=($!)
# Imports: the same file again (every post updated in place).
( i=0; while sleep "$IMPORT_EVERY" && (( $(date +%s) < END - 30 )); do
    i=$((i + 1))
    if MINBAR_DATA="$WORK/data" java -jar target/minbar.jar import-wxr "$WORK/corpus.xml" > "$WORK/import-$i.txt" 2>&1; then
      echo "ok" >> "$WORK/imports.txt"; else echo "failed $i" >> "$WORK/imports.txt"; fi
  done ) &
PIDS+=($!)

# Readers, one wrk run per interval, and a sample of the site after each.
printf "time_s\theap_after_gc_mb\trss_mb\tthreads\topen_files\tdb_mb\tindex_mb\treq_per_s\tp99_ms\terrors\n" > "$WORK/samples.tsv"
START=$(date +%s)
k=0
while (( $(date +%s) + INTERVAL <= END + 1 )); do
  page="${PAGES[$(( k % ${#PAGES[@]} ))]}"; k=$((k + 1))
  wrk -t2 -c16 -d"${INTERVAL}s" --timeout 10s --latency -s bench/load.lua -H 'Accept-Encoding: gzip' "$BASE$page" > "$WORK/wrk.txt" 2>&1 || true
  kill -0 "$SITE_PID" 2> /dev/null || { log "The site died:"; tail -30 "$WORK/site.log" >&2; exit 1; }
  jcmd "$SITE_PID" GC.run > /dev/null 2>&1 || true
  heap_kb="$(jcmd "$SITE_PID" GC.heap_info 2> /dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)"
  python3 - "$WORK/wrk.txt" "$(( $(date +%s) - START ))" "${heap_kb:-0}" "$SITE_PID" "$WORK/data" >> "$WORK/samples.tsv" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
def ms(p):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\b" % p, text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
load = re.search(r"LOAD non2xx=(\d+) 5xx=(\d+) timeouts=(\d+) connect=(\d+) read=(\d+) write=(\d+)", text)
errors = sum(int(g) for g in load.groups()) if load else -1
pid = sys.argv[4]
status = open(f"/proc/{pid}/status").read()
threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
fds = len(os.listdir(f"/proc/{pid}/fd"))
def size(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try: total += os.path.getsize(os.path.join(root, f))
            except OSError: pass
    return total / 1048576
data = sys.argv[5]
print(f"{sys.argv[2]}\t{int(sys.argv[3]) / 1024:.1f}\t{rss:.0f}\t{threads}\t{fds}\t{size(data + '/db'):.1f}\t{size(data + '/index'):.1f}"
      f"\t{float(rps.group(1)) if rps else float('nan'):.0f}\t{ms(99):.1f}\t{errors}")
PY
  tail -1 "$WORK/samples.tsv" >&2
done
sleep 2
touch "$WORK/probe.json.stop"
for _ in $(seq 1 30); do [[ -s "$WORK/probe.json" ]] && break; sleep 1; done

# ------------------------------------------------------------------ the verdict
python3 - "$WORK" <<'PY'
import json, os, statistics, sys
work = sys.argv[1]
rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/samples.tsv")]
head, rows = rows[0], [[float(x) for x in r] for r in rows[1:]]
col = {name: i for i, name in enumerate(head)}
print("\t".join(head))
for r in rows:
    print("\t".join(f"{x:g}" for x in r))
problems = []
if len(rows) < 3:
    problems.append(f"only {len(rows)} samples: run longer than three intervals")
else:
    third = max(1, len(rows) // 3)
    first, last = rows[:third], rows[-third:]
    def grew(name, factor, slack):
        a = statistics.median(r[col[name]] for r in first)
        b = statistics.median(r[col[name]] for r in last)
        verdict = "ok" if b <= a * factor + slack else "GREW"
        print(f"{name}: first third {a:g}, last third {b:g} (allowed {a * factor + slack:g}) {verdict}")
        if verdict != "ok":
            problems.append(f"{name} grew from {a:g} to {b:g}")
    grew("heap_after_gc_mb", 1.25, 16)
    grew("threads", 1.0, 10)
    grew("open_files", 1.0, 20)
    half = len(rows) // 2
    db = [r[col["db_mb"]] for r in rows]
    early, late = db[half] - db[0], db[-1] - db[half]
    print(f"db_mb: +{early:.1f} in the first half, +{late:.1f} in the second (allowed {early * 1.5 + 2:.1f})")
    if late > early * 1.5 + 2:
        problems.append(f"the database grew faster in the second half (+{late:.1f} MB vs +{early:.1f} MB)")
errors = sum(r[col["errors"]] for r in rows if r[col["errors"]] >= 0)
if any(r[col["errors"]] < 0 for r in rows):
    problems.append("a wrk run gave no figures")
ok_searches, bad_searches = (int(x) for x in open(f"{work}/searches.count").read().split()) if os.path.exists(f"{work}/searches.count") else (0, 0)
imports = open(f"{work}/imports.txt").read().split("\n") if os.path.exists(f"{work}/imports.txt") else []
failed_imports = [l for l in imports if l.startswith("failed")]
probe = json.load(open(f"{work}/probe.json")) if os.path.exists(f"{work}/probe.json") and os.path.getsize(f"{work}/probe.json") else {}
print(f"readers: {errors:g} errors; searches: {ok_searches} answered, {bad_searches} failed; imports again: "
      f"{len([l for l in imports if l == 'ok'])} ok, {len(failed_imports)} failed; newsroom: {json.dumps(probe)[:300]}")
if errors: problems.append(f"{errors:g} reader errors")
if bad_searches: problems.append(f"{bad_searches} failed searches")
if failed_imports: problems.append(f"{len(failed_imports)} failed imports")
if not probe: problems.append("the newsroom probe wrote no summary")
elif probe.get("errors") or probe.get("failed"): problems.append(f"newsroom probe errors: {probe.get('errors') or probe.get('failed')}")
print("FAIL: " + "; ".join(problems) if problems else "PASS: no errors, and nothing grew without bound")
sys.exit(1 if problems else 0)
PY
