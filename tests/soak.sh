#!/bin/sh
# make soak HOURS=N: `ticker run` in a 1920x1080 window on Xvfb (the path
# `ticker run` chooses here) with an import of a changing stick every minute;
# prints RSS, PSS, open fds and CPU of the display every REPORT_MIN minutes
# (10) and at the end. Figures only; never fails on them.
# Environment: TK_ROOT, TICKER, HOURS (default 2), REPORT_MIN.
set -eu
hours=${HOURS:-2}
every=${REPORT_MIN:-10}
total=$(awk -v h="$hours" 'BEGIN { printf "%d", h * 3600 }')
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticker-soak-XXXXXX")
xpid=""
tpid=""
trap '[ -z "$tpid" ] || kill "$tpid" 2>/dev/null; [ -z "$xpid" ] || kill "$xpid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
d=90
while [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 1
mkdir -p "$dir/cache" "$dir/stick"
cp "$TK_ROOT"/assets/demo/* "$dir/stick/"
"$TICKER" -q import "$dir/stick" --cache "$dir/cache" --no-report || true
DISPLAY=":$d" "$TICKER" run --assets "$TK_ROOT/assets" --cache "$dir/cache" \
	--window 1920x1080 >"$dir/run.log" 2>&1 &
tpid=$!
hz=$(getconf CLK_TCK)
start=$(date +%s)
report() {
	now=$(date +%s)
	rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$tpid/status")
	pss=$(awk '/^Pss:/ { printf "%.1f", $2 / 1024 }' "/proc/$tpid/smaps_rollup")
	fds=$(ls "/proc/$tpid/fd" | wc -l)
	cpu=$(awk -v hz="$hz" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$tpid/stat")
	printf 'soak %5.2f h: RSS %s MB, PSS %s MB, fds %s, CPU %s s total (%s s since last), imports %d\n' \
		"$(awk -v s=$((now - start)) 'BEGIN { print s / 3600 }')" "$rss" "$pss" "$fds" "$cpu" \
		"$(awk -v a="$cpu" -v b="${lastcpu:-0}" 'BEGIN { printf "%.1f", a - b }')" "$imports"
	lastcpu=$cpu
}
echo "soak: ticker run on Xvfb :$d for $hours h, an import every minute, a report every $every min"
imports=0
lastcpu=0
sleep 5
report
i=0
while [ $(($(date +%s) - start)) -lt "$total" ]; do
	kill -0 "$tpid" 2>/dev/null || { echo "soak: ticker run died; log:"; tail -n 20 "$dir/run.log"; exit 1; }
	sleep 60
	i=$((i + 1))
	# every other minute new content, else the same stick again (must not restart the crawl)
	if [ $((i % 2)) -eq 1 ]; then
		printf 'Soak headline %d arrives at minute %d\n\nThe soak test imported this article at minute %d.\n' \
			"$i" "$i" "$i" >"$dir/stick/soak-$i.txt"
	fi
	"$TICKER" -q import "$dir/stick" --cache "$dir/cache" --no-report >/dev/null 2>&1 || true
	imports=$((imports + 1))
	if [ $((i % every)) -eq 0 ]; then report; fi
done
report
echo "soak: display path: $(sed -n 's/.*display: path=//p' "$dir/run.log" | head -n 1)"
echo "soak: $(grep -c 'same content: carrying on' "$dir/run.log") unchanged imports carried on, $(grep -c 'playlist: generation' "$dir/run.log") playlists loaded"
kill "$tpid"
wait "$tpid" || true
tpid=""
sed -n 's/.*display: stopping after /soak: stopped after /p' "$dir/run.log"
