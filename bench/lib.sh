# Shared by the benchmark scripts: finds the corpus, compiles, and writes the test classpath.
# Sets CORPUS and BENCH_CLASSPATH. Environment: MINBAR_CORPUS, MVN, MVN_FLAGS (see bench/README.md).

CORPUS="${MINBAR_CORPUS:-../shared/corpus/arabic-news.jsonl}"
if [[ ! -f "$CORPUS" && -z "${BENCH_NO_CORPUS:-}" ]]; then
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

# BENCH_GOAL=package also builds target/minbar.jar (for benchmarks that run the site).
echo "Compiling ($MVN ${MVN_FLAGS--o} ${BENCH_GOAL:-test-compile})..." >&2
# shellcheck disable=SC2086
$MVN -q ${MVN_FLAGS--o} -DskipTests "${BENCH_GOAL:-test-compile}" dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2

BENCH_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
