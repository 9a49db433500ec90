#!/bin/sh
# Import benchmark: 1,000 generated articles in five formats (about 5 MB) into
# an empty cache, the same stick again (all unchanged), then 1,000 different
# articles into the full cache (every old one evicted). Prints wall time,
# files/s and fsyncs (from the importer's debug log). Never fails on timing.
# Environment: TICKER (binary), TMPDIR.
set -u
TICKER=${TICKER:?set TICKER}
work=$(mktemp -d "${TMPDIR:-/tmp}/tk-bench-import-XXXXXX")
trap 'rm -rf "$work"' EXIT
: >"$work/empty.conf" # no device settings (a non-regular config file is refused)
export TICKER_CONFIG=$work/empty.conf

gen() { # dir prefix
	mkdir -p "$1/news" "$1/feeds" "$1/web"
	awk -v dir="$1" -v pre="$2" 'BEGIN {
		body = "";
		for (k = 0; k < 16; k++)
			body = body "The regional council said on Tuesday that the new tram line would open in " \
			       "stages, with the first 4.2 km section carrying passengers from March. ";
		for (i = 0; i < 1000; i++) {
			h = pre " story " i ": tram line " i " opens in stages";
			q = "\"We are on schedule and on budget,\" said project director Eva Lund.";
			f = i % 5;
			if (f == 0) { p = dir "/news/" pre "-" i ".txt";
				printf "%s\n\n%s\n\n%s\n\n%s\n", h, body, q, body > p }
			else if (f == 1) { p = dir "/news/" pre "-" i ".md";
				printf "# %s\n\n%s\n\n> %s\n\n%s\n", h, body, q, body > p }
			else if (f == 2) { p = dir "/web/" pre "-" i ".html";
				printf "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>" \
				       "<body><article><h1>%s</h1><p>%s</p><p>%s</p><p>%s</p></article></body></html>\n",
				       h, h, body, q, body > p }
			else if (f == 3) { p = dir "/feeds/" pre "-" i ".rss";
				printf "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>City news</title>" \
				       "<item><title>%s</title><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate>" \
				       "<description>%s %s %s</description></item></channel></rss>\n", h, body, q, body > p }
			else { p = dir "/feeds/" pre "-" i ".atom";
				printf "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">" \
				       "<title>City news</title><entry><title>%s</title><updated>2026-11-24T09:00:00Z</updated>" \
				       "<content type=\"text\">%s %s %s</content></entry></feed>\n", h, body, q, body > p }
			close(p);
		}
	}'
}
gen "$work/a" A
gen "$work/b" B
echo "stick: $(find "$work/a" -type f | wc -l) files, $(du -sk "$work/a" | cut -f1) KiB on disk, $(cat $(find "$work/a" -type f) | wc -c) bytes"

run() { # label stick
	t0=$(date +%s%N)
	"$TICKER" -v --set keys_dir="$work/nokeys" import "$2" --cache "$work/cache" --no-report \
		>/dev/null 2>"$work/log"
	rc=$?
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	fs=$(sed -n 's/.*import: io: .* \([0-9]*\) fsyncs.*/\1/p' "$work/log")
	done=$(sed -n 's/.*import: done: //p' "$work/log")
	printf '%-34s %6d ms  %7s files/s  %3s fsyncs  exit %d  (%s)\n' "$1" "$ms" \
		"$(awk -v m="$ms" 'BEGIN { printf "%.0f", 1000 * 1000 / (m ? m : 1) }')" "${fs:-?}" "$rc" "$done"
}
run "empty cache, 1,000 new" "$work/a"
run "same stick again (all unchanged)" "$work/a"
run "full cache, 1,000 others (evict)" "$work/b"
echo "cache: $(ls "$work/cache" | wc -l) articles, $(du -sk "$work/cache" | cut -f1) KiB"
