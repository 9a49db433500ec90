#!/bin/sh
# README pictures, rendered by `ticker snapshot` / `ticker preview` from the demo articles
# (`make screenshots`). The same inputs give the same pixels (the clock aside: it shows
# the wall time), so a changed picture in `git status` is a changed screen.
set -eu
: "${TICKER:?}" "${TK_ROOT:?}"
cd "$TK_ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC
shot() { # name at size settings...
	name=$1 at=$2 size=$3
	shift 3
	"$TICKER" --config /dev/null "$@" snapshot --cache "${CACHE:-assets/demo}" --assets assets \
		--at "$at" --size "$size" -o "assets/$name.png" 2>/dev/null
	echo "  SHOT    assets/$name.png"
}
shot screenshot 33 1920x1080
shot screenshot-portrait 14 1080x1920
shot screenshot-clock 25 1920x1080 --set clock=corner
shot screenshot-ar 24 1920x1080 --set language=ar --set clock=corner
# An urgent notice: the demo articles imported with an URGENT.txt beside them.
mkdir -p "$tmp/stick"
cp assets/demo/* "$tmp/stick/"
printf '%s\n' "Lifts in the east wing are closed this afternoon for maintenance." \
	"Please use the main staircase or the lifts in the west wing." >"$tmp/stick/URGENT.txt"
"$TICKER" --config /dev/null --set unsigned_sticks=all import "$tmp/stick" --cache "$tmp/cache" \
	--no-report >/dev/null 2>&1
CACHE=$tmp/cache shot screenshot-urgent 5 1920x1080
"$TICKER" --config /dev/null preview "$tmp/stick" -o assets/preview-sheet.png 2>/dev/null
echo "  SHOT    assets/preview-sheet.png"
