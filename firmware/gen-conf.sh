#!/bin/sh
# gen-conf.sh < `ticker config` output > ticker.conf
# Makes the default /etc/ticker/ticker.conf from the program's own key table, so
# the file documents every key with its help text and compiled default and can
# never drift from the binary. Every key is commented out: the compiled default
# applies until someone uncomments the line and changes it.
set -eu
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
cat >"$tmp"
cat <<'HEAD'
# /etc/ticker/ticker.conf: settings of the lobby ticker (`ticker run`, `ticker import`).
#
# Syntax: "key = value", one per line; "#" starts a comment, also after a value
# ("speed = 3 # px"; a colour's own "#" is not one). Every key is listed below
# with what it does and its compiled default, commented out. Uncomment a line and
# change it to override; `ticker config` prints the effective values and names
# any bad line. A bad line never blanks the screen: the display uses the compiled
# default for it and shows a small service mark (bottom right of the crawl band),
# and sticks are refused, with a report saying why, until the file is fixed.
# After a change: sudo systemctl restart ticker
# A stick can carry a ticker.conf at its root (same syntax), but it may set only
# the keys marked [stick: ...], within that range; [device only] keys are set
# here and nowhere else. A stick file with other control characters than CRLF
# line ends, or any key it may not set, is refused whole.
HEAD
awk '
	/^# keys:/ { inkeys = 1; next }
	inkeys && /^#   / {
		line = substr($0, 5); key = line; sub(/ .*/, "", key)
		help = line; sub(/^[^ ]+ +/, "", help); helps[key] = help; next
	}
	!inkeys && / = / { n++; keys[n] = $0 }
	END {
		for (i = 1; i <= n; i++) {
			k = keys[i]; sub(/ = .*/, "", k)
			printf "\n"
			if (k in helps) printf "# %s\n", helps[k]
			printf "#%s\n", keys[i]
		}
	}' "$tmp"
