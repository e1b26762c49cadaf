#!/usr/bin/env bash
# Fuzzes one hostile-input test (a Jazzer @FuzzTest), then keeps its interesting inputs where every
# build replays them (src/test/resources/<package>/<Class>Inputs/<method>/).
#
#   bash src/test/fuzz.sh CLASS [DURATION]      e.g. bash src/test/fuzz.sh HostileInputFuzzTests 10m
#   bash src/test/fuzz.sh CLASS 0               no fuzzing: only merge what .cifuzz-corpus already holds
#
# CLASS: HostileInputFuzzTests, BodySanitizerFuzzTests or QueryFuzzTests (one @FuzzTest each).
# Jazzer writes the inputs that reach new code to .cifuzz-corpus/<package>.<Class>/<method>/ (git-ignored;
# the next fuzzing run starts from it) and a failing input as crash-<sha1> into the inputs directory.
# Afterwards libFuzzer's -merge=1 keeps the smallest set of saved and generated inputs that covers all
# they cover, and this replaces the inputs directory's other files with it; crash-* files are kept.
# Environment: MVN (default ./mvnw), MVN_FLAGS (default -o), JAZZER_INSTRUMENTATION_INCLUDES (which
# classes Jazzer measures coverage in; default the project's own; the saved corpus of
# BodySanitizerFuzzTests was made with 'org.minbar.**:org.jsoup.**').
set -euo pipefail
cd "$(dirname "$0")/../.."

CLASS="${1:?usage: bash src/test/fuzz.sh CLASS [DURATION]}"
DURATION="${2:-10m}"
file=$(grep -rlE --include='*.java' "class $CLASS\b" src/test/java | head -1)
[[ -n "$file" ]] || { echo "no test class $CLASS in src/test/java" >&2; exit 2; }
package=$(sed -n 's/^package \(.*\);/\1/p' "$file")
method=$(grep -A2 '@FuzzTest' "$file" | sed -n 's/.*void \([A-Za-z0-9_]*\)(.*/\1/p' | head -1)
inputs="src/test/resources/${package//.//}/${CLASS}Inputs/$method"
generated=".cifuzz-corpus/$package.$CLASS/$method"
MVN="${MVN:-./mvnw}"

# shellcheck disable=SC2086
$MVN -q ${MVN_FLAGS--o} test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath \
  -Dmdep.includeScope=test
status=0
if [[ "$DURATION" != 0 ]]; then
  # Only the fuzz-tests execution: "./mvnw test -Dtest=..." would fuzz once in each of surefire's two executions.
  # shellcheck disable=SC2086
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$DURATION" $MVN ${MVN_FLAGS--o} surefire:test@fuzz-tests -Dtest="$CLASS" \
    || status=$?
fi

mkdir -p "$inputs" "$generated"
merged=$(mktemp -d)
saved=$(mktemp -d)
trap 'rm -rf "$merged" "$saved"' EXIT
find "$inputs" -maxdepth 1 -type f ! -name 'crash-*' -exec cp {} "$saved"/ \;
java -cp "target/classes:target/test-classes:$(cat target/fuzz.classpath)" com.code_intelligence.jazzer.Jazzer \
  --target_class="$package.$CLASS" --target_method="$method" \
  ${JAZZER_INSTRUMENTATION_INCLUDES:+--instrumentation_includes="$JAZZER_INSTRUMENTATION_INCLUDES"} \
  -merge=1 "$merged" "$saved" "$generated" >&2
find "$inputs" -maxdepth 1 -type f ! -name 'crash-*' -delete
cp "$merged"/* "$inputs"/ 2>/dev/null || true
# The build copies resources into target/test-classes but never removes files dropped here: let the
# next build copy the merged set afresh, so that it replays exactly what is saved.
rm -rf "target/test-classes/${inputs#src/test/resources/}"
echo "$inputs: $(find "$inputs" -type f | wc -l) files, $(du -sb "$inputs" | cut -f1) bytes" \
  "($(find "$inputs" -name 'crash-*' | wc -l) crash-*)"
[[ $status == 0 ]] || echo "fuzzing found a failing input (exit status $status): see the crash-* file above" >&2
exit $status
