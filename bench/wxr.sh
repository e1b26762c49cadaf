#!/usr/bin/env bash
# WordPress (WXR) import benchmark: generates an export of POSTS posts, measures a bare StAX pass
# over it (the reference), then imports it with Minbar's importer in a child JVM with -Xmx512m.
#
#   bash bench/wxr.sh [POSTS]      # default 50000
#
# Environment: MVN, MVN_FLAGS (see bench/README.md), BENCH_HEAP (default 512m).
set -euo pipefail

cd "$(dirname "$0")/.."
POSTS="${1:-50000}"
BENCH_NO_CORPUS=1
# shellcheck source=bench/lib.sh
source bench/lib.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/minbar-wxr-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FILE="$WORK/export.xml"

java -cp "$BENCH_CLASSPATH" org.minbar.migration.WxrBenchmark generate "$FILE" "$POSTS"
java -Xmx"${BENCH_HEAP:-512m}" -cp "$BENCH_CLASSPATH" org.minbar.migration.WxrBenchmark parse "$FILE"
java -Xmx"${BENCH_HEAP:-512m}" -XX:+UseG1GC -cp "$BENCH_CLASSPATH" org.minbar.migration.WxrBenchmark import "$FILE" "$WORK/data"
