#!/usr/bin/env bash
# Newsletter benchmark: a digest to SUBSCRIBERS confirmed subscribers (default 100000) through the
# real application and its outbox into a local SMTP sink, with a kill -9 half-way and a restart.
#
#   bash bench/newsletter.sh [SUBSCRIBERS]
#
# Environment:
#   MVN         the Maven command (default ./mvnw when its distribution is cached, else mvn)
#   MVN_FLAGS   extra Maven flags (default -o: offline, ~/.m2 must be warm; set to "" to allow downloads)
#   BENCH_OPTS  extra JVM options, e.g. -Dbench.childHeap=128m (the site JVMs' -Xmx, default 256m)
set -euo pipefail

cd "$(dirname "$0")/.."
SUBSCRIBERS="${1:-100000}"

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

exec java -Xmx1g -XX:+UseG1GC ${BENCH_OPTS:-} \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.minbar.newsletter.NewsletterBenchmark "$SUBSCRIBERS"
