#!/bin/sh
# Figure finder quality on the Microsoft Recognizers-Text specs (never committed):
# value+unit P/R/F1 per model and language. RECOGNIZERS_DIR names the checkout
# (the directory holding Specs/). TK_EVAL_SHOW=N lists N misses per model.
set -u
dir=${RECOGNIZERS_DIR:-}
if [ -z "$dir" ] || [ ! -d "$dir/Specs/Number" ]; then
	echo "figures: skipped (set RECOGNIZERS_DIR to a Recognizers-Text checkout with Specs/)"
	exit 0
fi
exec python3 "$TK_ROOT/tests/eval/figures.py" "$dir" "$TICKER" ${TK_EVAL_LANGS:-}
