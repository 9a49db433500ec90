#!/bin/sh
# Display benchmark.
# 1. `ticker bench` at 1920x1080 over a cache of 1,000 generated articles
#    (software renderer, then GLES2 on Mesa under the offscreen driver).
# 2. `ticker run` in a 1920x1080 window on Xvfb for RUN_SECONDS (30) per display
#    path (software window; GLES2 forced onto Mesa's software GL): CPU seconds,
#    PSS, presents late by over 1.5 periods (dropped frames).
# Prints figures; never fails on timing.
# Environment: TK_ROOT (repo), TICKER (binary). Optional: SECONDS_RUN, ARTICLES, RUN_SECONDS.
set -eu
n=${ARTICLES:-1000}
secs=${SECONDS_RUN:-20}
runsecs=${RUN_SECONDS:-30}
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticker-bench-XXXXXX")
xpid=""
trap '[ -z "$xpid" ] || kill "$xpid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
# Generated articles: varied headlines, one attributed quote and two figures each.
awk -v n="$n" -v dir="$dir" 'BEGIN {
	split("council,harbour,university,hospital,airport,museum,stadium,library,railway,market", noun, ",");
	split("approves,opens,delays,expands,reviews,funds,closes,renames,rebuilds,celebrates", verb, ",");
	split("Ana Ruiz,Tomas Reyes,Helena Marsh,Kofi Mensah,Mei Chen,Olga Petrova,Jonas Feld,Sara Khalil", who, ",");
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/article-%04d.txt", dir, i);
		d = sprintf("2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
		printf "The %s %s plan %d after a long public debate\n%s\n\n", noun[1 + i % 10], verb[1 + (i * 7) % 10], i, d > f;
		printf "The %s said on Monday that the project would cost %d million euros and create about %d jobs by 2030.\n\n", noun[1 + i % 10], 10 + i % 90, 100 + i % 900 > f;
		printf "\"We listened to every resident, and this plan reflects what they asked for,\" said %s, who chairs the board.\n\n", who[1 + i % 8] > f;
		printf "Ridership rose %d%% last year, according to the annual report.\n", 2 + i % 20 > f;
		close(f);
	}
}'
"$TICKER" -q bench --assets "$TK_ROOT/assets" --cache "$dir" --size 1920x1080 --seconds "$secs"

# ---- ticker run in a window on Xvfb, per display path ----
if ! command -v Xvfb >/dev/null 2>&1; then
	echo "run in a window: Xvfb missing (toolchain/packages.txt, set tools)"
	exit 0
fi
d=90
while [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 1
hz=$(getconf CLK_TCK)
# a cache of the demo articles (run writes its .display state file there)
mkdir -p "$dir/demo"
cp "$TK_ROOT"/assets/demo/* "$dir/demo/"

# run_path NAME RENDERER: one run of $runsecs s on the demo articles.
run_path() {
	log="$dir/run-$1.log"
	DISPLAY=":$d" "$TICKER" run --assets "$TK_ROOT/assets" --cache "$dir/demo" \
		--window 1920x1080 --renderer "$2" --seconds $((runsecs + 1)) >"$log" 2>&1 &
	pid=$!
	# PSS once a second from 5 s on (it rises for about a second at each card
	# change, when two cards are held); the last sample is the one reported
	: >"$dir/pss-$1"
	i=0
	while [ "$i" -lt "$runsecs" ]; do
		sleep 1
		i=$((i + 1))
		pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
		[ "$i" -lt 5 ] || echo "$pss" >>"$dir/pss-$1"
	done
	pss_range=$(sort -n "$dir/pss-$1" | awk '{ v[NR] = $1 } END {
		if (NR) printf "min %.1f, median %.1f, max %.1f MB", v[1] / 1024, v[int((NR + 1) / 2)] / 1024, v[NR] / 1024 }')
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
	# utime + stime of every thread since the start, start-up included
	cpu=$(awk -v hz="$hz" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat" 2>/dev/null || echo 0)
	wait "$pid" || true
	path=$(sed -n 's/.*display: path=\([^ ]*\).*/\1/p' "$log" | head -n 1)
	gl=$(sed -n 's/.* gl="\([^"]*\)".*/\1/p' "$log" | head -n 1)
	first=$(sed -n 's/.*frame: first frame after \([0-9]*\) ms.*/\1/p' "$log" | head -n 1)
	stop=$(sed -n 's/.*display: stopping after //p' "$log" | head -n 1)
	printf 'run %-8s path=%s gl="%s": CPU %s s per %d s, PSS %.1f MB, RSS %.1f MB, first frame %s ms\n' \
		"$1" "${path:-?}" "${gl:-}" "$cpu" "$runsecs" "$(echo "$pss" | awk '{ print $1 / 1024 }')" \
		"$(echo "$rss" | awk '{ print $1 / 1024 }')" "${first:-?}"
	printf '    PSS once a second from 5 s: %s\n' "${pss_range:-none}"
	printf '    %s\n' "${stop:-(no stop line: see $log)}"
	printf '    state file: %s\n' "$(cat "$dir/demo/.display" 2>/dev/null || echo none)"
}
echo
echo "ticker run --window 1920x1080 on Xvfb :$d, demo articles, $runsecs s per path"
echo "(targets: <= 3 CPU-s per 30 s, <= 30 MB PSS, 0 present intervals over 1.5 periods)"
run_path software software
run_path gles2 opengles2
