#!/usr/bin/env bash
# What counting page views costs: article-page throughput with view counting on vs off, same run.
# Usage: bench/page-views.sh [SECONDS_PER_ROUND] [ROUNDS] [CONCURRENCY]   (default 10 4 8)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
BENCH_GOAL=package BENCH_NO_CORPUS=1 source bench/lib.sh

exec java -Xmx512m ${BENCH_OPTS:-} -cp "$BENCH_CLASSPATH" org.minbar.search.ViewCountingBenchmark "$@"
