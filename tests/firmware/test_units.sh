#!/bin/sh
# The systemd units and the USB-port settings, checked on the tree the package
# installs (firmware/stage.sh) with systemd's own tools: `systemd-analyze
# verify` (no warning at all), `systemd-analyze security` (exposure under a
# ceiling, so hardening cannot silently regress), and the issue 9.21 defaults:
# vfat/exfat only, ctrl-alt-del.target masked, no input devices.
# Prints cmocka-style result lines for tests/run-tests.sh. Needs: systemd
# (systemd-analyze, systemctl), the built ticker as $TICKER. The image's
# whole-machine settings (firmware/image/image-policy.sh) are applied on top.
set -u
top=${TK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TICKER=${TICKER:-$top/build/host/ticker}
passed=0 failed=0 names=""
work=$(mktemp -d "${TMPDIR:-/tmp}/tk-units-XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

ok() { passed=$((passed + 1)); echo "[       OK ] $1"; }
bad() { failed=$((failed + 1)); names="$names $1"; echo "[  FAILED  ] $1: $2"; }
check() { # check NAME CONDITION-COMMAND... (the message is the command's output)
	n=$1; shift
	echo "[ RUN      ] $n"
	if out=$("$@" 2>&1); then ok "$n"; else bad "$n" "$out"; fi
}

if ! command -v systemd-analyze >/dev/null || ! command -v systemctl >/dev/null; then
	echo "[  FAILED  ] 1 test(s): systemd-analyze/systemctl missing (package systemd, set tools)"
	exit 1
fi
sh "$top/firmware/stage.sh" "$root" || { echo "[  FAILED  ] 1 test(s): stage.sh"; exit 1; }
install -D -m 0755 "$TICKER" "$root/usr/bin/ticker"
# The appliance image's whole-machine settings, applied as firmware/image/ does.
mkdir -p "$root/etc/ticker/keys.d" "$root/etc/systemd/system" "$root/var" &&
	: >"$root/etc/ticker/ticker.conf"
sh "$top/firmware/image/image-policy.sh" "$root" 1234abcd ||
	{ echo "[  FAILED  ] 1 test(s): image-policy.sh"; exit 1; }
# The targets and devices the units name come from the build machine's systemd.
cp -Rn /lib/systemd/system/. "$root/lib/systemd/system/" 2>/dev/null

# verify prints nothing for a clean unit; any line (unknown key, bad value,
# missing command) is a failure.
verify() {
	o=$(systemd-analyze verify --root="$root" "$1" 2>&1) && [ -z "$o" ] || { echo "$o"; return 1; }
}
# Exposure as systemd-analyze prints it ("... ticker.service: 0.8 SAFE"), at most $2.
exposure() {
	o=$(systemd-analyze security --offline=yes --root="$root" "$1" 2>&1 | tail -n 1)
	v=$(echo "$o" | sed -n 's/.*: \([0-9][0-9.]*\) .*/\1/p')
	echo "$o"
	[ -n "$v" ] && awk -v v="$v" -v m="$2" 'BEGIN { exit !(v <= m) }'
}
unit=$root/lib/systemd/system
check "verify ticker.service" verify ticker.service
check "verify ticker-import@sda1.service" verify ticker-import@sda1.service
for u in ticker-clock@restore.service ticker-clock@apply.service ticker-clock.path \
	ticker-clock-save.service ticker-clock-save.timer; do
	check "verify $u" verify $u
done
check "security ticker-clock@apply.service <= 2.0" exposure ticker-clock@apply.service 2.0
check "security ticker-clock-save.service <= 1.5" exposure ticker-clock-save.service 1.5
check "image enables the clock units" sh -c \
	"[ \"\$(systemctl --root='$root' is-enabled ticker-clock@restore.service ticker-clock.path ticker-clock-save.timer | sort -u)\" = enabled ]"
check "security ticker.service <= 1.0" exposure ticker.service 1.0
check "security ticker-import@sda1.service <= 2.0" exposure ticker-import@sda1.service 2.0
check "ctrl-alt-del.target masked" sh -c \
	"[ \"\$(systemctl --root='$root' is-enabled ctrl-alt-del.target 2>&1)\" = masked ]"
check "ctrl-alt-del burst does nothing" \
	grep -qx 'CtrlAltDelBurstAction=none' "$root/etc/systemd/system.conf.d/60-ticker-keyboard.conf"
check "no SysRq keys" grep -qx 'kernel.sysrq = 0' "$root/etc/sysctl.d/60-ticker.conf"
check "ticker.service: no input devices by default" sh -c \
	"! grep -n 'char-input\|SupplementaryGroups=.*input' '$unit/ticker.service' &&
	 ! grep -n '^m ticker input' '$root/usr/lib/sysusers.d/ticker.conf'"
check "input devices are a drop-in away" sh -c \
	"grep -qx 'DeviceAllow=char-input r' '$root/usr/share/doc/lobby-ticker/examples/ticker-input.conf'"
check "import unit mounts vfat and exfat only by default" \
	grep -qx 'Environment="TICKER_USB_FILESYSTEMS=vfat exfat"' "$unit/ticker-import@.service"
check "import unit: root keeps no DAC override (never writes the stick)" sh -c \
	"grep -q '^CapabilityBoundingSet=CAP_SYS_ADMIN CAP_SETUID CAP_SETGID\$' '$unit/ticker-import@.service'"
check "ext4 is a drop-in away" \
	grep -q 'TICKER_USB_FILESYSTEMS=vfat exfat ext4' "$root/usr/share/doc/lobby-ticker/examples/ticker-import-ext4.conf"
check "helper: shell syntax" sh -n "$root/usr/libexec/ticker/ticker-usb-import"
check "helper: root writes nothing on the stick" sh -c \
	"! grep -nE '^[^#]*(cp|install|mv|tee|>)[^&]*\\\$mnt' '$root/usr/libexec/ticker/ticker-usb-import'"

echo "[==========] $((passed + failed)) test(s) run."
echo "[  PASSED  ] $passed test(s)."
if [ "$failed" -gt 0 ]; then
	echo "[  FAILED  ] $failed test(s), listed below:$names"
	exit 1
fi
