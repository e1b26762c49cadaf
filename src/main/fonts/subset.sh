#!/bin/sh
# Makes the web fonts the site serves (src/main/resources/static/fonts/) from the fontsource files here
# (Noto Naskh Arabic and Noto Kufi Arabic, SIL Open Font License, see static/fonts/OFL.txt), keeping
# only the characters Arabic news is written in, with every OpenType feature (so the letters still
# join and take their forms). The CSS (static/css/site.css) gives each file the same unicode-range,
# so a browser downloads only what a page needs and takes any other character from the next font.
# Needs fonttools and brotli (apt-get install python3-fonttools python3-brotli; PYTHON names the
# Python that has them, default python3). Run it from the
# repository's root after changing the ranges, and commit the fonts it writes.
set -e
ARABIC="U+0600-0670,U+067E,U+0686,U+0698,U+06A4,U+06A9,U+06AF,U+06CC,U+06D4,U+200C-200F"
LATIN="U+0020-007E,U+00A0,U+00AB,U+00BB,U+00D7,U+2013-2014,U+2018-201D,U+2026,U+20AC"
cd "$(dirname "$0")"
for font in *.woff2; do
  case "$font" in
    *-arabic-arabic-*) ranges=$ARABIC ;;
    *-latin-*) ranges=$LATIN ;;
    *) echo "unknown subset: $font" >&2; exit 1 ;;
  esac
  "${PYTHON:-python3}" -m fontTools.subset "$font" --unicodes="$ranges" --layout-features='*' --flavor=woff2 \
    --output-file="../resources/static/fonts/$font"
  echo "$font: $(wc -c < "$font") -> $(wc -c < "../resources/static/fonts/$font") bytes"
done

# The share cards (org.minbar.cards) are drawn by Java 2D, which reads TrueType, not WOFF2: the same
# Noto Kufi Arabic subsets, Arabic and Latin merged into one TrueType font per weight, with every
# OpenType feature (Java 2D shapes Arabic with them), in src/main/resources/cards/.
mkdir -p ../resources/cards
for weight in 400 700; do
  "${PYTHON:-python3}" - "$weight" "$ARABIC" "$LATIN" <<'PY'
import os, sys, tempfile
from fontTools import merge, subset
weight, arabic, latin = sys.argv[1:4]
with tempfile.TemporaryDirectory() as tmp:
    parts = []
    for script, ranges in (("arabic", arabic), ("latin", latin)):
        part = os.path.join(tmp, script + ".ttf")
        subset.main([f"noto-kufi-arabic-{script}-{weight}-normal.woff2", "--unicodes=" + ranges,
                     "--layout-features=*", "--flavor=", "--output-file=" + part])
        parts.append(part)
    target = f"../resources/cards/noto-kufi-arabic-{weight}.ttf"
    merge.Merger().merge(parts).save(target)
    print(f"{target}: {os.path.getsize(target)} bytes")
PY
done
