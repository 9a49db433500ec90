#!/bin/bash
# Power-cut test: kill -9 `ticker import` at random moments, RUNS times (default
# 200), alternating merge and REPLACE imports over a cache holding an older set.
# After each kill the cache is reopened (by an import of an empty stick, which
# finishes or discards what was interrupted) and checked:
#   - no temporary file (.tmp-*) or journal (.pending) is left;
#   - every article file is a byte-exact copy of an old or a new source file;
#   - every old article is still there, unless that run was a REPLACE and the
#     cache now holds exactly the new set (the REPLACE completed);
#   - the display's record index names exactly the cached articles, each by
#     its content's SHA-256 with the record present, and no temporary record.
# Pass/fail never depends on timing: the kill moment only decides which of the
# allowed states is checked. Environment: TICKER (binary), RUNS, TMPDIR.
set -u
TICKER=${TICKER:?set TICKER to the ticker binary}
RUNS=${RUNS:-200}
# tmpfs when there is one: the disk's speed only changes where kills land.
tmp=${TMPDIR:-}; [ -n "$tmp" ] || { [ -w /dev/shm ] && tmp=/dev/shm || tmp=/tmp; }
work=$(mktemp -d "$tmp/tk-killloop-XXXXXX")
trap 'rm -rf "$work"' EXIT
old=$work/old new=$work/new newr=$work/new-replace empty=$work/empty
mkdir -p "$old" "$new" "$newr" "$empty" "$work/keys"
# No device settings: an empty file (a config that is not a regular file is refused).
: >"$work/empty.conf"
export TICKER_CONFIG=$work/empty.conf
# A private copy: a rebuild in the same tree during the loop must not break it.
cp "$TICKER" "$work/ticker" && TICKER=$work/ticker
imp() { "$TICKER" --set keys_dir="$work/keys" --set unsigned_sticks=all -q import "$@" --no-report >/dev/null 2>&1; }

article() { # file headline n
	{
		printf '%s\n\n' "$2"
		for p in 1 2 3; do
			printf 'Paragraph %s of story %s. The committee said on Tuesday that %s would go ahead,\n' "$p" "$3" "$2"
			printf 'and that the budget of %s000 euros was approved by a large majority.\n\n' "$3"
		done
		printf '"We are pleased with the outcome," said spokesperson Kim Lee.\n'
	} >"$1"
}
for i in $(seq 1 40); do article "$old/story-$i.txt" "Old story $i" "$i"; done
for i in $(seq 30 140); do article "$new/story-$i.txt" "New story $i" "$((i * 7))"; done
cp "$new"/* "$newr"/ && : >"$newr/REPLACE"

(cd "$old" && md5sum -- *; cd "$new" && md5sum -- *) >"$work/allowed"
ls "$old" | LC_ALL=C sort >"$work/oldnames"
ls "$new" >"$work/newnames"

# The pristine old cache every run starts from.
base=$work/base-cache
imp "$old" --cache "$base" || { echo "killloop: cannot build the base cache"; exit 1; }
[ "$(ls "$base" | wc -l)" -eq 40 ] || { echo "killloop: base cache incomplete"; exit 1; }

# How long a whole import takes, so kills spread over all of it.
cache=$work/cache
rm -rf "$cache" && cp -a "$base" "$cache"
t0=$(date +%s%N); imp "$newr" --cache "$cache"; t1=$(date +%s%N)
span_us=$(( (t1 - t0) / 1000 )); [ "$span_us" -gt 1000 ] || span_us=1000
echo "killloop: one REPLACE import of 111 files takes ${span_us} us; $RUNS runs"

fail=0 killed=0 finished=0 replaced=0
for run in $(seq 1 "$RUNS"); do
	rm -rf "$cache" && cp -a "$base" "$cache"
	if [ $((run % 2)) -eq 0 ]; then src=$newr; mode=replace; else src=$new; mode=merge; fi
	delay_us=$(( $(od -An -N4 -tu4 /dev/urandom) % span_us ))
	# The binary itself in the background (not a shell function: $! must be the importer).
	"$TICKER" --set keys_dir="$work/keys" --set unsigned_sticks=all -q import "$src" --cache "$cache" --no-report >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%06d' "$delay_us")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	# Adapt the window so about four kills in five land inside an import.
	if [ "$rc" -eq 137 ]; then
		killed=$((killed + 1)); span_us=$((span_us * 21 / 20))
	else
		finished=$((finished + 1)); span_us=$((span_us * 4 / 5 + 1000))
	fi
	# Restart: the next import (of nothing) cleans up or rolls forward.
	bad=""
	"$TICKER" --set keys_dir="$work/keys" --set unsigned_sticks=all import "$empty" --cache "$cache" --no-report \
		>"$work/restart.log" 2>&1 || bad=" restart-failed($?): $(tr '\n' ' ' <"$work/restart.log")"
	ls -A "$cache" | grep -q '^\.tmp-' && bad="$bad temporary-file-left"
	[ -e "$cache/.pending" ] && bad="$bad journal-left"
	# The display's records follow the articles: no temporary record, and the
	# index names exactly the cached articles, each by its content's SHA-256
	# with its record present.
	ls -A "$cache/.records" 2>/dev/null | grep -q '^\.tmp-' && bad="$bad temporary-record-left"
	sed -n '2,$p' "$cache/.records/index" 2>/dev/null | while IFS= read -r line; do
		name=$(printf '%s\n' "$line" | sed -E 's/^[0-9a-f]{64} [^ ]+ [^ ]+ //')
		hex=$(printf '%s\n' "$line" | cut -c1-64)
		[ -f "$cache/.records/$hex" ] || echo "record-missing:$name"
		[ "$(sha256sum <"$cache/$name" 2>/dev/null | cut -c1-64)" = "$hex" ] ||
			echo "record-stale:$name"
		printf '%s\n' "$name" >>"$work/indexed"
	done >"$work/recbad"
	[ -s "$work/recbad" ] && bad="$bad $(tr '\n' ' ' <"$work/recbad")"
	ls "$cache" | LC_ALL=C sort >"$work/cached"
	LC_ALL=C sort "$work/indexed" 2>/dev/null | cmp -s - "$work/cached" || bad="$bad index-not-the-articles"
	rm -f "$work/indexed"
	# Whole = the checksum and name pair of an old or a new source file.
	(cd "$cache" && md5sum -- *) >"$work/now" 2>/dev/null
	notwhole=$(grep -vxFf "$work/allowed" "$work/now" | sed 's/.*  //' | tr '\n' ' ')
	[ -z "$notwhole" ] || bad="$bad not-whole:$notwhole"
	ls "$cache" >"$work/names"
	missing=$(comm -23 "$work/oldnames" "$work/names" | wc -l)
	if [ "$missing" -gt 0 ]; then
		# Only a completed REPLACE may remove old articles, and then the set is exactly the new one.
		if [ "$mode" != replace ] || ! cmp -s "$work/names" "$work/newnames"; then
			bad="$bad old-articles-lost($missing)"
		else
			replaced=$((replaced + 1))
		fi
	fi
	if [ -n "$bad" ]; then
		fail=$((fail + 1))
		echo "killloop: run $run ($mode, killed after ${delay_us} us, rc $rc):$bad"
	fi
done
echo "killloop: $RUNS runs, $killed killed mid-way, $finished finished before the kill," \
	"$replaced completed REPLACEs; $fail broken caches"
[ "$fail" -eq 0 ]
