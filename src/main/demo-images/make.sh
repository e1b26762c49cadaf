#!/bin/sh
# Makes the demo images in src/main/resources/demo/images (see NOTICE for each file's source and licence).
# Photos: from Debian's lomiri-wallpapers-16.04 / -20.04 packages (apt-get download, dpkg-deb -x),
# cropped to 16:9 and compressed; cartoons: drawn here as SVG (the project's own work).
# Needs imagemagick and librsvg2-bin.
set -e
here=$(dirname "$0"); out="$here/../resources/demo/images"; mkdir -p "$out"
for svg in "$here"/cartoon-*.svg; do
  name=$(basename "$svg" .svg)
  rsvg-convert -w 1200 -h 900 "$svg" | convert png:- -strip -colors 64 "$out/$name.png"
done
[ -n "$LOMIRI" ] || { echo "set LOMIRI to the extracted usr/share/backgrounds of lomiri-wallpapers-16.04 (and -20.04) to remake the photos"; exit 0; }
photo() { convert "$LOMIRI/$1" -auto-orient -resize "${4:-1280x720}^" -gravity center -extent "${4:-1280x720}" -strip \
  -interlace JPEG -sampling-factor 4:2:0 -quality "$3" "$out/$2.jpg"; }
photo Bridge_by_Sander_Klootwijk.jpg bridge-sander-klootwijk 72
photo Infinite-Sea_by_Aury88.jpg infinite-sea-aury88 72
photo greentock_by_Peter_Nerlich.jpg greentock-peter-nerlich 72
photo Picture_1A_by_freespace.jpg brushes-freespace 72
photo picosdeeuropa_by_Aitzol_Berasategi.jpg picos-de-europa-aitzol-berasategi 62
photo life_by_Aitzol_Berasategi.jpg stream-aitzol-berasategi 62 1024x576
photo sunset_by_Aitzol_Berasategi.jpg sunset-aitzol-berasategi 72
