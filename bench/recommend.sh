#!/usr/bin/env bash
# Related-articles benchmark: the quality (precision@5 against the corpus category) of Minbar's
# "قد تحب أيضا" beside simple baselines, and the time of similarTo(id, 40) at the corpus size and at
# LARGE articles (the corpus repeated, default 100000; 0 skips it).
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
LARGE="${1:-100000}"
CORPUS="${MINBAR_CORPUS:-../shared/corpus/arabic-news.jsonl}"
if [[ ! -f "$CORPUS" ]]; then
  echo "The corpus is not at $CORPUS; set MINBAR_CORPUS=/path/to/arabic-news.jsonl" >&2
  exit 2
fi

if [[ -z "${MVN:-}" ]]; then
  if compgen -G "$HOME/.m2/wrapper/dists/apache-maven-*" > /dev/null || ! command -v mvn > /dev/null; then
    MVN=./mvnw
  else
    MVN=mvn
  fi
fi

echo "Compiling ($MVN ${MVN_FLAGS--o} test-compile)..." >&2
# shellcheck disable=SC2086
$MVN -q ${MVN_FLAGS--o} -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2

# shellcheck disable=SC2086
exec java -Xmx"${BENCH_HEAP:-4g}" -XX:+UseG1GC ${BENCH_OPTS:-} \
  -Dminbar.corpus="$CORPUS" \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.minbar.search.RecommendBenchmark "$LARGE"
