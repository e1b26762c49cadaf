#!/usr/bin/env bash
# Sitemap index and deepest article sitemap at archive scale: the previous code (every article read,
# pages by OFFSET) and the current one (one query for the pages' first ids and newest changes, pages
# by id), on the same H2 database, interleaved, ROUNDS rounds. See bench/README.md.
#
#   bash bench/sitemaps.sh [ARTICLES] [ROUNDS]     # default 1000000 3
#
# Environment: MVN, MVN_FLAGS (see bench/README.md), BENCH_HEAP (default 2g).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_NO_CORPUS=1
# shellcheck source=bench/lib.sh
source bench/lib.sh
java -Xmx"${BENCH_HEAP:-2g}" -cp "$BENCH_CLASSPATH" org.minbar.article.SitemapBenchmark "${1:-1000000}" "${2:-3}"
