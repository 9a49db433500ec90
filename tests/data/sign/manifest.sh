#!/bin/sh
# The macOS/Linux snippet of README ("Signed sticks"), as a script: run it in
# the stick's top folder; it prints TICKER-MANIFEST for sequence $1 (default:
# one more than ~/.ticker-sequence, which it then updates).
set -eu
seqfile="$HOME/.ticker-sequence"
seq=${1:-$(( $(cat "$seqfile" 2>/dev/null || echo 0) + 1 ))}
printf 'ticker-manifest 2\nsequence %s\n' "$seq"
if command -v sha256sum >/dev/null; then sum="sha256sum"; else sum="shasum -a 256"; fi
find . -type f ! -path './TICKER-*' ! -path '*/.*' -exec $sum {} +
[ $# -ge 1 ] || echo "$seq" > "$seqfile"
