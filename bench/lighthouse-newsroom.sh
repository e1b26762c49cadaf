#!/usr/bin/env bash
# Lighthouse (mobile, its default simulated throttling) on the newsroom's dashboard and editor (the seed
# article) of a fresh site with the demo content, logged in as the first admin: the four category scores,
# FCP, LCP, TBT and CLS per page, and the audits under 0.9. Target: CLS under 0.1 (journalists file from
# phones). The session cookie is passed to Lighthouse as an extra request header.
#
# Usage: bench/lighthouse-newsroom.sh
# Environment: as bench/lighthouse.sh (BENCH_BUILD, MVN, MVN_FLAGS, CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18099
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
PASSWORD=lighthouse-newsroom-password
log() { echo "$*" >&2; }

[[ -x "$CHROMIUM" ]] || { log "Chromium is missing ($CHROMIUM): apt-get install chromium"; exit 2; }
if [[ ! -x target/lighthouse/node_modules/.bin/lighthouse ]]; then
  log "Installing lighthouse 12 from npm into target/lighthouse..."
  mkdir -p target/lighthouse && (cd target/lighthouse && npm install --silent lighthouse@12 > /dev/null)
fi
if [[ ! -f target/minbar.jar || "${BENCH_BUILD:-0}" == 1 ]]; then
  # shellcheck disable=SC2086
  ${MVN:-./mvnw} -q ${MVN_FLAGS--o} -DskipTests package >&2
fi
DATA=$(mktemp -d /tmp/minbar-lighthouse-newsroom.XXXXXX)
MINBAR_DATA="$DATA/data" MINBAR_ADMIN_PASSWORD=$PASSWORD \
  java -Xmx512m -jar target/minbar.jar --server.port=$PORT > "$DATA/site.log" 2>&1 &
PID=$!
trap 'kill $PID 2> /dev/null || true; wait $PID 2> /dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do grep -q "loaded [0-9]* demo articles" "$DATA/site.log" && break; sleep 0.5; done

# Log in through the form as a browser does: the login page's CSRF token, then the post; keep the cookie.
BASE="http://localhost:$PORT"
TOKEN=$(curl -s -c "$DATA/cookies" "$BASE/newsroom/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="\(.*\)"/\1/')
curl -s -b "$DATA/cookies" -c "$DATA/cookies" -o /dev/null --data-urlencode "username=admin" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$TOKEN" "$BASE/newsroom/login"
SESSION=$(awk '$6 == "JSESSIONID" { print $7 }' "$DATA/cookies")
[[ -n "$SESSION" ]] || { log "Login failed"; exit 1; }
# The seed article is the last one the demo loads: its editor is the dashboard's first link to one.
EDITOR=$(curl -s -b "$DATA/cookies" "$BASE/newsroom" | grep -o 'href="/newsroom/articles/[0-9][0-9]*"' | sed -n '1s/href="\(.*\)"$/\1/p')
echo "Lighthouse $(target/lighthouse/node_modules/.bin/lighthouse --version), mobile, $(date -u +%Y-%m-%dT%H:%MZ)"
for page in /newsroom "$EDITOR" /newsroom/articles/new; do
  target/lighthouse/node_modules/.bin/lighthouse "$BASE$page" --chrome-path="$CHROMIUM" \
    --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility,best-practices,seo \
    --extra-headers="{\"Cookie\": \"JSESSIONID=$SESSION\"}" \
    --output=json --output-path="$DATA/report.json" --quiet > /dev/null 2>&1
  PAGE="$page" python3 - "$DATA/report.json" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
final = r.get("finalDisplayedUrl") or r.get("finalUrl", "")
if final.endswith("/newsroom/login"):
    sys.exit("Lighthouse was sent to the login page: the session cookie did not reach the newsroom")
scores = {k: round(v["score"] * 100) for k, v in r["categories"].items()}
a = r["audits"]
metrics = ", ".join(f"{n} {a[k]['displayValue']}" for n, k in [("FCP", "first-contentful-paint"),
    ("LCP", "largest-contentful-paint"), ("TBT", "total-blocking-time"), ("CLS", "cumulative-layout-shift")])
page = os.environ["PAGE"]
print(f"{page[:48]:<50} {scores}  {metrics}")
shifts = [i.get("node", {}).get("selector", "?") for i in (a.get("layout-shifts", {}).get("details") or {}).get("items", [])]
if shifts:
    print(f"{'':<50} shifted: {', '.join(shifts[:5])}")
low = [k for k, v in a.items() if v.get("score") is not None and v["score"] < 0.9
       and v.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
print(f"{'':<50} audits under 0.9: {', '.join(low) or 'none'}")
PY
done
