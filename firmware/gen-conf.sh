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
# Syntax: "key = value", one per line; "#" starts a comment. Every key is listed
# below with what it does and its compiled default, commented out. Uncomment a
# line and change it to override; `ticker config` prints the effective values.
# A bad line makes the ticker refuse the whole file (the error names the line).
# After a change: sudo systemctl restart ticker
# A stick can also carry a ticker.conf at its root (same syntax) for one-off changes.
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
