#!/bin/sh
# Article reader + extraction throughput on a generated corpus (every format).
"$BUILD/tests/bench_extract" 300

# Extraction cost that does not depend on the machine's load: instructions per input byte
# spent in tk_extract (quotes, speakers, figures, ranking) under callgrind, on the fixture
# articles. Wall time on a shared machine varies by 3x; this figure moves only with the code.
if ! command -v valgrind >/dev/null 2>&1; then
	echo "extract cost: skipped (valgrind not installed)"
	exit 0
fi
out=$(mktemp)
files=$(ls "$TK_ROOT"/tests/data/articles/*.txt "$TK_ROOT"/tests/data/articles/*.md)
bytes=$(cat $files | wc -c)
valgrind --tool=callgrind --callgrind-out-file="$out" "$TICKER" extract $files >/dev/null 2>&1
ann=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null)
ir=$(echo "$ann" | grep -a -m1 ':tk_extract ' | awk '{gsub(",", "", $1); print $1}')
fig=$(echo "$ann" | grep -a -m1 ':tk_figures_find ' | awk '{gsub(",", "", $1); print $1}')
rm -f "$out"
if [ -n "$ir" ]; then
	echo "extract cost: $ir instructions in tk_extract for $bytes bytes of fixture articles:" \
		"$(awk -v i="$ir" -v b="$bytes" 'BEGIN { printf "%.0f", i / b }') instructions/byte"
else
	echo "extract cost: no tk_extract entry in the callgrind profile"
fi
if [ -n "$fig" ]; then
	echo "figure cost: $fig instructions in tk_figures_find for the same bytes:" \
		"$(awk -v i="$fig" -v b="$bytes" 'BEGIN { printf "%.1f", i / b }') instructions/byte"
fi
