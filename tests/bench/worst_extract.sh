#!/bin/sh
# Worst-case inputs for the article reader and extractor (issue 9 items 4, 9):
# 1 MB and 4 MB files of one repeated unit, read by `ticker extract`. Prints
# wall seconds and peak RSS per file; never fails on timing.
# Environment: TICKER (binary).
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/ticker-worst-XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
make_file() { # unit bytes ext -> path
	f="$dir/w-$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n')-$2.$3"
	awk -v u="$1" -v n="$2" -v ext="$3" 'BEGIN {
		printf (ext == "md" ? "# Worst case\n\n" : "Worst case\n\n");
		s = u; while (length(s) < 65536) s = s s;
		for (w = 0; w + length(s) <= n - 32; w += length(s)) printf "%s", s;
		printf "\n" }' >"$f"
	printf '%s' "$f"
}
printf '%-8s %-4s %6s %8s %8s\n' unit ext MB seconds peakMB
for unit in '<' '![' '[' '[a](' '12% ' '"a ' '*a'; do
	for ext in md txt; do
		for mb in 1 4; do
			f=$(make_file "$unit" $((mb << 20)) "$ext")
			t0=$(date +%s.%N)
			/usr/bin/time -f '%M' -o "$dir/rss" "$TICKER" -q extract "$f" >/dev/null 2>&1 || true
			t1=$(date +%s.%N)
			printf '%-8s %-4s %6s %8.2f %8.1f\n' "$unit" "$ext" "$mb" \
				"$(echo "$t1 - $t0" | bc)" "$(echo "$(cat "$dir/rss") / 1024" | bc -l)"
			rm -f "$f"
		done
	done
done
