#!/bin/sh
# Quotes and speakers on PolNeAR (github:networkdynamics/PolNeAR, train/dev only; never
# committed). POLNEAR_DIR names the checkout (its data/train, data/dev); EVAL_ERRORS=N lists
# N misattributions. See quotes_score.py for what counts as right.
set -u
d="${POLNEAR_DIR:-}"
if [ -z "$d" ] || [ ! -d "$d/data/dev/attributions" ]; then
	echo "quotes: skipped (set POLNEAR_DIR to a PolNeAR checkout with data/dev)"
	exit 0
fi
for split in ${EVAL_SPLITS:-dev}; do
	[ -d "$d/data/$split/attributions" ] || continue
	echo "-- PolNeAR $split"
	python3 "$TK_ROOT/tests/eval/quotes_score.py" "$TICKER" "$d/data/$split" --errors "${EVAL_ERRORS:-0}"
done
