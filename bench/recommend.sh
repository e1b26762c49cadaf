#!/usr/bin/env bash
# Related-articles benchmark: the quality (precision@5 against the corpus category) of Minbar's
# "قد تحب أيضا" as deployed (the application is started and RecommendService.related is called, the
# corpus created through ArticleImport, as importers do), beside simple baselines, and its time at the corpus size
# and at LARGE articles (the corpus repeated, default 30000; 0 skips it).
#
#   bash bench/recommend.sh [LARGE]
#
# No PostgreSQL is needed: it can run as root.
# Environment:
#   MINBAR_CORPUS  the corpus file (default ../shared/corpus/arabic-news.jsonl, next to the repository)
#   MVN            the Maven command (default ./mvnw when its distribution is cached, else mvn)
#   MVN_FLAGS      extra Maven flags (default -o: offline, ~/.m2 must be warm; set to "" to allow downloads)
#   BENCH_HEAP     the benchmark's -Xmx (default 4g)
#   BENCH_OPTS     extra JVM options, e.g. -Dbench.every=9 -Dbench.seed=20170610 -Dbench.randomDraws=10
set -euo pipefail

cd "$(dirname "$0")/.."
LARGE="${1:-30000}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

exec java -Xmx"${BENCH_HEAP:-4g}" -XX:+UseG1GC ${BENCH_OPTS:-} \
  -Dminbar.corpus="$CORPUS" \
  -cp "$BENCH_CLASSPATH" \
  org.minbar.search.RecommendBenchmark "$LARGE"
