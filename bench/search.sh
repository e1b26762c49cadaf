#!/usr/bin/env bash
# Search benchmark: Minbar's Lucene search vs SQL LIKE (H2, PostgreSQL) and PostgreSQL full-text
# search, on the Arabic news corpus repeated to ARTICLES articles (default 100000).
#
#   bash bench/search.sh [ARTICLES]
#
# Run it as a normal user: embedded PostgreSQL refuses to run as root (as root, PostgreSQL is skipped).
# Environment:
#   MINBAR_CORPUS  the corpus file (default ../shared/corpus/arabic-news.jsonl, next to the repository)
#   MVN            the Maven command (default ./mvnw when its distribution is cached, else mvn)
#   MVN_FLAGS      extra Maven flags (default -o: offline, ~/.m2 must be warm; set to "" to allow downloads)
#   BENCH_HEAP     the benchmark's -Xmx (default 4g)
#   BENCH_OPTS     extra JVM options, e.g. -Dbench.queries=50 -Dbench.likeQueries=10 -Dbench.engines=lucene,h2
set -euo pipefail

cd "$(dirname "$0")/.."
ARTICLES="${1:-100000}"
if [[ "$(id -u)" == "0" ]]; then
  echo "Warning: running as root; embedded PostgreSQL refuses to run as root, so it will be skipped." >&2
fi
# shellcheck source=bench/lib.sh
source bench/lib.sh

exec java -Xmx"${BENCH_HEAP:-4g}" -XX:+UseG1GC ${BENCH_OPTS:-} \
  -Dminbar.corpus="$CORPUS" \
  -cp "$BENCH_CLASSPATH" \
  org.minbar.search.SearchBenchmark "$ARTICLES"
