#!/bin/sh
# How soon a running display notices an import (issue 15 section 3): `ticker
# run` (dummy video driver, software renderer) on 1,000 imported articles;
# an import adds one article, then a REPLACE keeps 10. Prints, per import,
# when the loader posted the import's summary banner and the new playlist (the
# last of each), in ms after the import process exited (its last write, the
# report, comes just before; negative: the display had it before the import
# finished), then when the crawl showed it: its first item entering at the
# right edge ("new on screen") and removed items leaving the screen ("old
# gone": drawn over at the cut, or scrolled off). Targets (issue 15): banner 1 s, old gone 2 s, new on
# screen 5 s. Then a stick's ticker.conf: when the display applied it (no
# restart). Never fails on timing. Environment: TICKER, LATENCY_WAIT (s).
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticker-latency-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
export SDL_RENDER_DRIVER=software
ms() { date +%s%3N; }

mkdir -p "$dir/src" "$dir/one" "$dir/ten" "$dir/conf"
printf 'accent = #e04040\n' >"$dir/conf/ticker.conf"
for i in $(seq 1 1000); do
	printf 'Story %d about the harbour\n\n"We will finish pier %d by spring," said Ana Ruiz.\n' \
		"$i" "$i" >"$dir/src/s$i.txt"
done
for i in $(seq 1 10); do cp "$dir/src/s$i.txt" "$dir/ten/"; done
: >"$dir/ten/REPLACE"
printf 'A new story arrives\n\n"It came while the screen ran," said Ana Ruiz.\n' >"$dir/one/new.txt"
"$TICKER" -q import --cache "$dir/cache" --no-report "$dir/src" >/dev/null 2>&1 || true

# Every log line of the display with the time it arrived, in ms.
# LATENCY_VIDEO=x11 with DISPLAY set (e.g. Xvfb) times a real window instead.
"$TICKER" --set video_driver="${LATENCY_VIDEO:-dummy}" run --cache "$dir/cache" \
	--window "${LATENCY_SIZE:-1280x720}" 2>&1 |
	while IFS= read -r line; do printf '%s %s\n' "$(ms)" "$line"; done >"$dir/log" &
sleep 3
pid=$(pgrep -f "run --cache $dir/cache" | head -n 1 || true)

step() { # label src
	before=$(wc -l <"$dir/log")
	"$TICKER" -q --set unsigned_sticks=all import --cache "$dir/cache" --no-report "$2" >/dev/null 2>&1 || true
	t=$(ms)
	i=0
	while [ $i -lt "${LATENCY_WAIT:-150}" ]; do
		sleep 1
		i=$((i + 1))
		tail -n +"$((before + 1))" "$dir/log" | grep -Eq 'crawl: generation .* (gone|cut from)|settings: .* changed' && break
	done
	sleep 1
	tail -n +"$((before + 1))" "$dir/log" | awk -v t="$t" -v label="$1" '
		function f(v) { return v == "" ? "never" : sprintf("%+d ms", v) }
		/banner:/ { b = $1 - t }
		/playlist: generation [0-9]*: / { p = $1 - t; sub(/.*playlist: /, ""); what = $0 }
		/crawl: generation .* enters/ && n == "" { n = $1 - t }
		/crawl: generation .* (gone|cut from the strip)/ && g == "" { g = $1 - t }
		/settings: .* changed: applying/ && c == "" { c = $1 - t }
		END {
			if (c != "") { printf "  %s: applied %s after the import exited\n", label, f(c); exit }
			printf "  %s: banner posted %s, playlist posted %s, new on screen %s, old gone %s after the import exited\n    (%s)\n", label, f(b), f(p), f(n), f(g), what }'
}
step "one new article" "$dir/one"
step "REPLACE keeping 10 of 1,001" "$dir/ten"
step "a stick's ticker.conf (accent colour)" "$dir/conf"
kill -TERM "$pid" 2>/dev/null || true
wait 2>/dev/null || true
pid=
