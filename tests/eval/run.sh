#!/bin/sh
# make eval: quality figures on third-party development data that is never committed.
# Each tests/eval/*.sh (other than this one) reads its data from a directory named by an
# environment variable and prints a skip message when it is absent. Never pass/fail on figures.
# Environment: TK_ROOT, TICKER, BUILD.
set -u
for e in "$TK_ROOT"/tests/eval/*.sh; do
	[ "$(basename "$e")" = run.sh ] && continue
	[ -e "$e" ] || continue
	printf '\n== eval %s\n' "$(basename "$e" .sh)"
	sh "$e" || echo "(evaluation $(basename "$e") exited $?)"
done
