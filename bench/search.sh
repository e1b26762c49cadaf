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
CORPUS="${MINBAR_CORPUS:-../shared/corpus/arabic-news.jsonl}"
if [[ ! -f "$CORPUS" ]]; then
  echo "The corpus is not at $CORPUS; set MINBAR_CORPUS=/path/to/arabic-news.jsonl" >&2
  exit 2
fi
if [[ "$(id -u)" == "0" ]]; then
  echo "Warning: running as root; embedded PostgreSQL refuses to run as root, so it will be skipped." >&2
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
  org.minbar.search.SearchBenchmark "$ARTICLES"
