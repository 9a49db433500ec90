#!/bin/sh
# Figure captions as shown on PolNeAR articles (github:networkdynamics/PolNeAR, never
# committed): dangling, cut, short, noun-less captions and trivial counts among the figures
# the screen shows. POLNEAR_DIR names the checkout (its data/train, data/dev; text/ is
# enough); EVAL_SPLITS (default dev), EVAL_ERRORS=N lists N flagged captions.
set -u
d="${POLNEAR_DIR:-}"
if [ -z "$d" ] || [ ! -d "$d/data/dev/text" ]; then
	echo "captions: skipped (set POLNEAR_DIR to a PolNeAR checkout with data/dev)"
	exit 0
fi
for split in ${EVAL_SPLITS:-dev}; do
	[ -d "$d/data/$split/text" ] || continue
	echo "-- PolNeAR $split"
	python3 "$TK_ROOT/tests/eval/captions_score.py" "$TICKER" "$d/data/$split" --errors "${EVAL_ERRORS:-0}"
done
