#!/bin/sh
# publish.sh RAW.img OUT.img
# What an operator downloads: OUT.img.xz, its block map OUT.img.bmap (bmaptool and
# balenaEtcher write only the used blocks) and OUT.img.xz.sha256. Skipped when
# the raw image has not changed since the last run.
set -eu
raw=$1 out=$2
stamp=$(stat -c %Y:%s "$raw")
if [ -f "$out.xz" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "publish: $out.xz is up to date"
	exit 0
fi
t0=$(date +%s)
rm -f "$out.xz" "$out.bmap" "$out.xz.sha256" "$out.stamp"
bmaptool -q create -o "$out.bmap" "$raw"
# -3: most of the gain of -6 at a fraction of the time on a 2-core builder.
xz -T0 -3 -c "$raw" >"$out.xz.tmp"
mv "$out.xz.tmp" "$out.xz"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out").xz" >"$(basename "$out").xz.sha256")
echo "$stamp" >"$out.stamp"
echo "publish: $out.xz ($(du -m "$out.xz" | cut -f1) MiB compressed, $(( $(date +%s) - t0 )) s), $out.bmap, $out.xz.sha256"
