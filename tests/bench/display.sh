#!/bin/sh
# Display benchmark: `ticker bench` at 1920x1080 over a cache of 1,000 generated
# articles (software renderer, then GLES2 on Mesa under the offscreen driver
# when available). Prints figures; never fails on timing.
# Environment: TK_ROOT (repo), TICKER (binary). Optional: SECONDS_RUN, ARTICLES.
set -eu
n=${ARTICLES:-1000}
secs=${SECONDS_RUN:-20}
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticker-bench-XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
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
