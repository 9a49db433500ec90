#!/bin/sh
# Records (issue 15 section 2) and bounded memory (issue 9 item 4): import
# time and peak RSS, the display's first frame, peak and steady RSS with the
# software renderer (SDL dummy video driver, 1920x1080), and the cost of a
# reload after one new article, on: 10,000 generated articles; one 4 MB text
# of "12% 12% ..."; 60 ordinary 4 MB RSS feeds. Prints figures; never fails
# on timing. Environment: TICKER (binary). Optional: ARTICLES, RUN_SECONDS.
set -eu
n=${ARTICLES:-10000}
run_s=${RUN_SECONDS:-12}
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticker-records-XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
export SDL_RENDER_DRIVER=software

now() { date +%s.%N; }
mb() { echo "scale=1; $1 / 1024" | bc; }

gen_articles() { # count dir
	mkdir -p "$2"
	awk -v n="$1" -v dir="$2" 'BEGIN {
		split("council,harbour,university,hospital,airport,museum,stadium,library,railway,market", noun, ",");
		split("approves,opens,delays,expands,reviews,funds,closes,renames,rebuilds,celebrates", verb, ",");
		split("Ana Ruiz,Tomas Reyes,Helena Marsh,Kofi Mensah,Mei Chen,Olga Petrova,Jonas Feld,Sara Khalil", who, ",");
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/article-%05d.txt", dir, i);
			printf "The %s %s plan %d after a long public debate\n%04d-%02d-%02d\n\n", noun[1 + i % 10], verb[1 + (i * 7) % 10], i, 2000 + i % 26, 1 + i % 12, 1 + i % 28 > f;
			printf "The %s said on Monday that the project would cost %d million euros and create about %d jobs by 2030.\n\n", noun[1 + i % 10], 10 + i % 90, 100 + i % 900 > f;
			printf "\"We listened to every resident, and this plan reflects what they asked for,\" said %s, who chairs the board.\n\n", who[1 + i % 8] > f;
			printf "Ridership rose %d%% last year, according to the annual report.\n", 2 + i % 20 > f;
			close(f);
		}
	}'
}

gen_pct() { # dir: one 4 MB text of "12% 12% ..."
	mkdir -p "$1"
	awk 'BEGIN { printf "Percentages\n\n"; s = "12% "; while (length(s) < 65536) s = s s;
		for (w = 0; w + length(s) <= 4100000; w += length(s)) printf "%s", s; printf "\n" }' >"$1/pct.txt"
}

gen_feeds() { # dir: 60 RSS feeds just under 4 MiB each
	mkdir -p "$1"
	for f in $(seq 1 60); do
		awk -v f="$f" 'BEGIN {
			printf "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed %d</title>\n", f;
			for (i = 1; w < 4100000; i++) {
				s = sprintf("<item><title>Story %d of feed %d: the council approves the harbour plan</title><pubDate>Mon, 0%d Mar 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;The council said the plan would cost %d million euros and create %d jobs. &amp;quot;We listened to every resident,&amp;quot; said Ana Ruiz, who chairs the board.&lt;/p&gt;</description></item>\n", i, f, 1 + i % 9, 10 + i % 90, 100 + i % 900);
				printf "%s", s; w += length(s);
			}
			printf "</channel></rss>\n" }' >"$1/feed-$f.rss"
	done
}

# import SRC CACHE: wall seconds and peak RSS of the import process
import_it() {
	t0=$(now)
	/usr/bin/time -f '%M' -o "$dir/rss" "$TICKER" -q --set max_articles=100000 \
		--set max_cache_bytes=1073741824 import --cache "$2" --no-report "$1" >/dev/null 2>&1 || true
	t1=$(now)
	printf '  import: %.2f s wall, peak RSS %s MB\n' "$(echo "$t1 - $t0" | bc)" "$(mb "$(cat "$dir/rss")")"
}

# run CACHE [EXTRA_SRC]: `ticker run` (dummy video, software renderer) for
# run_s seconds; RSS after 3 s and at the end, peak; with EXTRA_SRC, one more
# import half-way (the reload's cost is in the loader's log line).
run_it() {
	log="$dir/run.log"
	/usr/bin/time -f '%M' -o "$dir/rss" "$TICKER" --set video_driver=dummy \
		--set max_articles=100000 run --cache "$1" --window 1920x1080 >"$log" 2>&1 &
	tpid=$!
	pid=
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		sleep 0.3
		pid=$(pgrep -P "$tpid" | head -n 1 || true)
		[ -n "$pid" ] && break
	done
	[ -n "$pid" ] || pid=$tpid
	sleep 2
	early=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
	if [ -n "${2:-}" ]; then
		sleep $((run_s / 2 - 3))
		"$TICKER" -q --set max_articles=100000 --set max_cache_bytes=1073741824 \
			import --cache "$1" --no-report "$2" >/dev/null 2>&1 || true
		sleep $((run_s / 2))
	else
		sleep $((run_s - 3))
	fi
	late=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
	kill -TERM "$pid" 2>/dev/null || true
	wait "$tpid" || true
	printf '  run (software, 1920x1080, %d s): RSS %s MB at 3 s, %s MB at the end, peak %s MB\n' \
		"$run_s" "$(mb "$early")" "$(mb "$late")" "$(mb "$(cat "$dir/rss")")"
	grep -o 'first frame after [0-9]* ms' "$log" | head -n 1 | sed 's/^/  /'
	grep -o 'generation [0-9]*: [0-9]* articles.*' "$log" | sed 's/^/  playlist /'
}

echo "-- $n generated articles"
gen_articles "$n" "$dir/src"
import_it "$dir/src" "$dir/cache"
mkdir -p "$dir/one"
printf 'One more story arrives\n\n"It came while the screen was running," said Ana Ruiz.\n' \
	>"$dir/one/one-more.txt"
run_it "$dir/cache" "$dir/one"
t0=$(now)
"$TICKER" -q --set max_articles=100000 import --rebuild --cache "$dir/cache" >/dev/null 2>&1
t1=$(now)
printf '  import --rebuild with every record current: %.2f s wall\n' "$(echo "$t1 - $t0" | bc)"
rm -rf "$dir/src" "$dir/cache"

echo "-- one 4 MB text of \"12% 12% ...\""
gen_pct "$dir/src"
import_it "$dir/src" "$dir/cache"
run_it "$dir/cache"
rm -rf "$dir/src" "$dir/cache"

echo "-- 60 RSS feeds of 4 MB"
gen_feeds "$dir/src"
import_it "$dir/src" "$dir/cache"
run_it "$dir/cache"
