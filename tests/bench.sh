#!/bin/sh
# make bench: run every benchmark script in tests/bench/ in name order. They print
# figures; none of them fails on timing. Environment: TK_ROOT, TICKER, BUILD.
set -u
for b in "$TK_ROOT"/tests/bench/*.sh; do
	[ -e "$b" ] || continue
	printf '\n== %s\n' "$(basename "$b" .sh)"
	sh "$b" || echo "(benchmark $(basename "$b") exited $?)"
done
