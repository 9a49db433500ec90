#!/bin/sh
# Real sticks: vfat and ext4 file-system images on loop devices, imported by the
# shipped helper (firmware/libexec/ticker-usb-import) exactly as the unit runs
# it: mounted by root, `ticker import` as an unprivileged user (nobody here).
# Issue 9.3: a symlink, hard link, FIFO or folder where TICKER-REPORT.txt goes
# is never written through; 9.21: ext4 only when opted in; 9.12: a file the
# import user may not read; 9.17: a read-only cache still gets a report; 9.11:
# CLEAR on a really full cache disk. Needs root and loop devices: without them
# it says so and runs nothing (counted neither passed nor failed).
set -u
top=${TK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
TICKER=${TICKER:-$top/build/host/ticker}
if [ "$(id -u)" != 0 ] || ! command -v losetup >/dev/null || [ ! -e /dev/loop-control ]; then
	echo "test_stick_images: NOT RUN (needs root and loop devices: sudo make check)"
	exit 0
fi
if ! "$TICKER" --version >/dev/null 2>&1; then
	echo "test_stick_images: NOT RUN ($TICKER does not run on this machine)"
	exit 0
fi
# Every mount below is private to this process and gone when it ends.
if [ -z "${TK_IMAGES_NS:-}" ]; then
	TK_IMAGES_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi
passed=0 failed=0 names=""
work=$(mktemp -d /tmp/tk-images-XXXXXX)
loops=""
cleanup() {
	for m in $(grep " $work/" /proc/self/mounts | cut -d' ' -f2 | sort -r); do umount -l "$m"; done
	for l in $loops; do losetup -d "$l" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
chmod 0755 "$work"
user=nobody
cp "$TICKER" "$work/ticker" && chmod 0755 "$work/ticker"
mkdir -p "$work/state/cache" "$work/run" "$work/keys" "$work/m"
chown -R "$user" "$work/state"
printf 'cache_dir = %s\nkeys_dir = %s\n' "$work/state/cache" "$work/keys" >"$work/ticker.conf"

ok() { passed=$((passed + 1)); echo "[       OK ] $1"; }
bad() { failed=$((failed + 1)); names="$names [$1]"; echo "[  FAILED  ] $1: $2"; }
expect() { # expect NAME DESCRIPTION TEST-ARGS...
	n=$1 d=$2; shift 2
	if "$@"; then ok "$n: $d"; else bad "$n" "$d"; fi
}
# image NAME TYPE: a fresh 32 MB image attached to a loop device; prints the device.
image() {
	truncate -s 32M "$work/$1.img"
	case $2 in
	vfat) mkfs.vfat -n TICKTEST "$work/$1.img" >/dev/null ;;
	ext4) mkfs.ext4 -q -F -m 0 "$work/$1.img" ;;
	esac
	l=$(losetup -f --show "$work/$1.img") || return 1
	loops="$loops $l"
	echo "$l"
}
article() { printf '%s\n\nThe council met on Tuesday to discuss %s, said the chair, Maria Lind.\n' "$2" "$2" >"$1"; }
# helper DEVICE [FILESYSTEMS]: the shipped helper as the unit runs it.
helper() {
	TICKER_CONFIG=$work/ticker.conf TICKER_BIN=$work/ticker TICKER_USER=$user \
		TICKER_STATE=$work/state TICKER_RUNDIR=$work/run \
		TICKER_USB_FILESYSTEMS=${2:-vfat exfat} \
		sh "$top/firmware/libexec/ticker-usb-import" "$1" >>"$work/log" 2>&1
}
# plant DIR KIND: put KIND where the report goes.
plant() {
	rm -rf "$1/TICKER-REPORT.txt"
	case $2 in
	symlink) ln -s "$work/state/cache/keep.txt" "$1/TICKER-REPORT.txt" ;;
	hardlink) ln "$1/victim.txt" "$1/TICKER-REPORT.txt" ;;
	fifo) mkfifo "$1/TICKER-REPORT.txt" ;;
	dir) mkdir "$1/TICKER-REPORT.txt" ;;
	esac
}
status() { cat "$work/state/cache/.status" 2>/dev/null; }

# Sticks are vfat where this kernel has it (a sandbox may not); else ext4, opted in.
if grep -qw vfat /proc/filesystems; then
	fat=vfat fatallow="vfat exfat"
else
	fat=ext4 fatallow="vfat exfat ext4"
	echo "test_stick_images: this kernel has no vfat: vfat cases NOT RUN, the others use ext4 sticks"
fi

# The cache starts with one article that a planted link points at.
mkdir -p "$work/seed" && article "$work/seed/keep.txt" "Kept story"
TICKER_CONFIG=$work/ticker.conf setpriv --reuid=$user --regid=nogroup --clear-groups \
	"$work/ticker" -q import "$work/seed" --no-report >/dev/null 2>&1
cp "$work/state/cache/keep.txt" "$work/keep.orig"

# ---- vfat: the default filesystem; a folder where the report goes -------------
if [ $fat = vfat ]; then
	echo "[ RUN      ] vfat"
	dev=$(image vfat vfat)
	mount "$dev" "$work/m" && article "$work/m/news.txt" "Bridge reopens" && umount "$work/m"
	helper "$dev"
	mount "$dev" "$work/m"
	expect vfat "article imported" test -f "$work/state/cache/news.txt"
	expect vfat "report written by the import user" grep -q "1 added" "$work/m/TICKER-REPORT.txt"
	plant "$work/m" dir && umount "$work/m"
	helper "$dev"
	mount "$dev" "$work/m"
	expect vfat "a folder named TICKER-REPORT.txt is left alone" test -d "$work/m/TICKER-REPORT.txt"
	expect vfat "the screen says why there is no report" sh -c "grep -q 'folder with the report' '$work/state/cache/.status'"
	umount "$work/m"
fi

# ---- ext4: refused unless opted in --------------------------------------------
echo "[ RUN      ] ext4"
dev=$(image ext4 ext4)
mount "$dev" "$work/m"
chmod 0777 "$work/m" # the import user may write the report (1777 would keep others' files)
article "$work/m/ext.txt" "Museum night"
article "$work/m/secret.txt" "Private draft" && chmod 0600 "$work/m/secret.txt"
printf 'victim text\n' >"$work/m/victim.txt" && chmod 0644 "$work/m/victim.txt"
umount "$work/m"
helper "$dev"
expect ext4-default "not mounted or imported by default" sh -c "! test -e '$work/state/cache/ext.txt' &&
	grep -q 'ext4 sticks are not accepted' '$work/log'"
expect ext4-default "the screen says why" sh -c "grep -q 'USB stick not read: this ticker takes FAT or exFAT sticks only' '$work/state/cache/.status'"
for kind in symlink hardlink fifo dir; do
	mount "$dev" "$work/m" && plant "$work/m" $kind && umount "$work/m"
	helper "$dev" "vfat exfat ext4"
	mount "$dev" "$work/m"
	expect "ext4-$kind" "cached article not written through" cmp -s "$work/keep.orig" "$work/state/cache/keep.txt"
	expect "ext4-$kind" "file on the stick not written through" grep -qx 'victim text' "$work/m/victim.txt"
	if [ $kind = dir ]; then
		expect "ext4-$kind" "folder left alone" test -d "$work/m/TICKER-REPORT.txt"
	else
		expect "ext4-$kind" "report is a new regular file" sh -c "test -f '$work/m/TICKER-REPORT.txt' &&
			! test -L '$work/m/TICKER-REPORT.txt' && [ \$(stat -c %h '$work/m/TICKER-REPORT.txt') = 1 ] &&
			grep -q 'TICKER IMPORT REPORT' '$work/m/TICKER-REPORT.txt'"
	fi
	umount "$work/m"
done
mount "$dev" "$work/m" && rmdir "$work/m/TICKER-REPORT.txt" && umount "$work/m"
helper "$dev" "vfat exfat ext4"
mount "$dev" "$work/m"
expect ext4 "opted in: imported" test -f "$work/state/cache/ext.txt"
expect ext4 "lost+found is file-system litter, not an error" sh -c "! grep -q 'lost+found' '$work/m/TICKER-REPORT.txt'"
expect ext4 "unreadable file refused with its error" grep -q 'REFUSED    secret.txt  --  could not be.*Permission denied' "$work/m/TICKER-REPORT.txt"
# The top folder not writable for the import user: imported, no report, the screen says why.
rm -f "$work/m/TICKER-REPORT.txt" && chmod 0755 "$work/m" && article "$work/m/ext2.txt" "Second museum night"
umount "$work/m"
helper "$dev" "vfat exfat ext4"
mount "$dev" "$work/m"
expect ext4-readonly-top "imported" test -f "$work/state/cache/ext2.txt"
expect ext4-readonly-top "no report, and the screen says why" sh -c "! test -e '$work/m/TICKER-REPORT.txt' &&
	grep -q 'may not write to the top folder' '$work/state/cache/.status'"
umount "$work/m"

# ---- a read-only cache still writes the report (9.17) -------------------------
echo "[ RUN      ] read-only cache"
dev=$(image stick2 $fat)
mount "$dev" "$work/m" && chmod 0777 "$work/m" && article "$work/m/late.txt" "Late story" && umount "$work/m"
mount --bind "$work/state/cache" "$work/state/cache" && mount -o remount,bind,ro "$work/state/cache"
helper "$dev" "$fatallow"
umount "$work/state/cache"
mount "$dev" "$work/m"
expect ro-cache "report says nothing was imported, and why" sh -c "grep -q 'NOT IMPORTED' '$work/m/TICKER-REPORT.txt' &&
	grep -q 'cannot be written' '$work/m/TICKER-REPORT.txt'"
expect ro-cache "nothing imported" sh -c "! test -e '$work/state/cache/late.txt'"
umount "$work/m"

# ---- CLEAR on a really full cache disk (9.11) --------------------------------
echo "[ RUN      ] full cache disk"
cdev=$(image cachefs ext4)
mkdir -p "$work/full/cache" && mount "$cdev" "$work/full/cache" && chown "$user" "$work/full/cache"
printf 'cache_dir = %s\nkeys_dir = %s\nunsigned_sticks = all\n' "$work/full/cache" "$work/keys" >"$work/ticker.conf"
TICKER_CONFIG=$work/ticker.conf setpriv --reuid=$user --regid=nogroup --clear-groups \
	"$work/ticker" -q import "$work/seed" --no-report >/dev/null 2>&1
setpriv --reuid=$user --regid=nogroup --clear-groups sh -c \
	"cat /dev/zero >'$work/full/cache/filler.txt' 2>/dev/null; cat /dev/zero >'$work/full/cache/.pad' 2>/dev/null"
expect full "the cache disk is full: not one more block for the ticker user" \
	setpriv --reuid=$user --regid=nogroup --clear-groups sh -c \
	"! dd if=/dev/zero of='$work/full/cache/probe' bs=4k count=1 2>/dev/null; rm -f '$work/full/cache/probe'"
dev=$(image clear $fat)
mount "$dev" "$work/m" && chmod 0777 "$work/m" && : >"$work/m/CLEAR" && umount "$work/m"
helper "$dev" "$fatallow"
mount "$dev" "$work/m"
expect full "CLEAR emptied the ticker" sh -c "[ -z \"\$(ls '$work/full/cache' | grep -vx lost+found)\" ]"
expect full "the report says so" grep -q 'Mode:     CLEAR (the ticker was emptied)' "$work/m/TICKER-REPORT.txt"
umount "$work/m"

echo "[==========] $((passed + failed)) test(s) run."
echo "[  PASSED  ] $passed test(s)."
if [ "$failed" -gt 0 ]; then
	echo "[  FAILED  ] $failed test(s), listed below:$names"
	echo "--- helper log"; cat "$work/log"
	exit 1
fi
