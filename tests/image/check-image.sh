#!/bin/sh
# check-image.sh IMG: structure tests of the SD card image (run by make image).
# Partition table, boot files, the kernel and initrd config.txt names, root by
# PARTUUID matching the table, fstab, read-only root, no console login.
set -u
img=$1
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok    $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL  $1"; }
t() { desc=$1; shift; if "$@" >/dev/null 2>&1; then ok "$desc"; else bad "$desc"; fi; }
export MTOOLS_SKIP_CHECK=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

json=$(sfdisk -J "$img") || { echo "check-image: $img has no partition table"; exit 1; }
field() { # field PARTNO KEY
	echo "$json" | python3 -c "import json,sys; p=json.load(sys.stdin)['partitiontable']; \
print(p['partitions'][$1-1].get('$2','') if len(p['partitions'])>=$1 else '')"
}
label=$(echo "$json" | python3 -c "import json,sys; print(json.load(sys.stdin)['partitiontable']['label'])")
id=$(echo "$json" | python3 -c "import json,sys; print(json.load(sys.stdin)['partitiontable']['id'][2:])")
n=$(echo "$json" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['partitiontable']['partitions']))")
t "MBR (dos) partition table (the Pi 3 boot ROM reads MBR only)" test "$label" = dos
t "three partitions: boot, root, data" test "$n" = 3
t "partition 1 is FAT32 (LBA), bootable" test "$(field 1 type)" = c -a "$(field 1 bootable)" = True
t "partitions 2 and 3 are Linux" test "$(field 2 type)" = 83 -a "$(field 3 type)" = 83
t "disk identifier is set (PARTUUIDs are <id>-NN)" test -n "$id" -a "$id" != 00000000

off() { echo $(( $(field "$1" start) * 512 )); }
size() { echo $(( $(field "$1" size) * 512 )); }
boot="$img@@$(off 1)"
for f in bootcode.bin start.elf fixup.dat start4.elf fixup4.dat \
	bcm2837-rpi-3-b.dtb bcm2837-rpi-3-b-plus.dtb bcm2711-rpi-4-b.dtb bcm2711-rpi-400.dtb \
	bcm2711-rpi-cm4-io.dtb bcm2837-rpi-zero-2-w.dtb config.txt cmdline.txt ticker/ticker.conf; do
	t "boot partition has $f" mtype -i "$boot" "::$f"
done
t "boot partition has the operator's ticker/keys folder" mdir -i "$boot" ::ticker/keys
mtype -i "$boot" ::config.txt >"$tmp/config.txt" 2>/dev/null
mtype -i "$boot" ::cmdline.txt >"$tmp/cmdline.txt" 2>/dev/null
kernel=$(sed -n 's/^kernel=//p' "$tmp/config.txt" | tr -d '\r')
initrd=$(sed -n 's/^initramfs \([^ ]*\).*/\1/p' "$tmp/config.txt" | tr -d '\r')
t "config.txt: 64-bit, upstream kernel" grep -qx 'arm_64bit=1' "$tmp/config.txt"
t "config.txt names a kernel that is on the partition ($kernel)" mtype -i "$boot" "::$kernel"
t "config.txt names an initrd that is on the partition ($initrd)" mtype -i "$boot" "::$initrd"
t "cmdline.txt is one line" test "$(wc -l <"$tmp/cmdline.txt")" = 1
t "cmdline.txt: root=PARTUUID=$id-02 (partition 2 of this table)" grep -q "root=PARTUUID=$id-02 " "$tmp/cmdline.txt"
t "cmdline.txt: root mounted read-only" grep -qw ro "$tmp/cmdline.txt"
t "cmdline.txt: no LABEL= or /dev/ names" sh -c "! grep -Eq 'LABEL=|root=/dev/' '$tmp/cmdline.txt'"

dd if="$img" of="$tmp/root.ext4" bs=1M iflag=skip_bytes,count_bytes skip="$(off 2)" count="$(size 2)" status=none
cat_root() { debugfs -R "cat $1" "$tmp/root.ext4" 2>/dev/null; }
cat_root /etc/fstab >"$tmp/fstab"
t "fstab: / is PARTUUID=$id-02, read-only" grep -Eq "^PARTUUID=$id-02[[:space:]]+/[[:space:]]+ext4[[:space:]]+ro," "$tmp/fstab"
t "fstab: /boot/firmware is PARTUUID=$id-01" grep -Eq "^PARTUUID=$id-01[[:space:]]+/boot/firmware[[:space:]]" "$tmp/fstab"
t "fstab: /var/lib/ticker is PARTUUID=$id-03" grep -Eq "^PARTUUID=$id-03[[:space:]]+/var/lib/ticker[[:space:]]" "$tmp/fstab"
t "fstab: the journal lives on the data partition" grep -Eq "^/var/lib/ticker/journal[[:space:]]+/var/log/journal[[:space:]]+none[[:space:]]+bind" "$tmp/fstab"
t "fstab: nothing mounted by LABEL= or UUID=" sh -c "! grep -Eq '^(LABEL|UUID)=' '$tmp/fstab'"
link() { debugfs -R "stat $1" "$tmp/root.ext4" 2>/dev/null | grep -q "Fast link dest: \"$2\""; }
t "no login on the console (getty@.service masked)" link /etc/systemd/system/getty@.service /dev/null
t "no login on a serial console (serial-getty@.service masked)" link /etc/systemd/system/serial-getty@.service /dev/null
t "Ctrl-Alt-Del masked" link /etc/systemd/system/ctrl-alt-del.target /dev/null
t "/etc/ticker/ticker.conf is the one on the boot partition" link /etc/ticker/ticker.conf /boot/firmware/ticker/ticker.conf
t "the ticker is installed (/usr/bin/ticker)" sh -c "debugfs -R 'stat /usr/bin/ticker' '$tmp/root.ext4' 2>/dev/null | grep -q 'Type: regular'"
# The on-screen words (issue 13.4): catalogs outside /usr/share/locale (which the
# image leaves out) and the one locale gettext needs to honour the language key.
t "the on-screen words' catalogs are installed (Arabic, Japanese)" sh -c "debugfs -R 'stat /usr/share/ticker/locale/ar/LC_MESSAGES/ticker.mo' '$tmp/root.ext4' 2>/dev/null | grep -q 'Type: regular' && debugfs -R 'stat /usr/share/ticker/locale/ja/LC_MESSAGES/ticker.mo' '$tmp/root.ext4' 2>/dev/null | grep -q 'Type: regular'"
t "the C.UTF-8 locale is there (gettext ignores the language in plain C)" sh -c "debugfs -R 'ls /usr/lib/locale/C.utf8' '$tmp/root.ext4' 2>/dev/null | grep -q LC_MESSAGES"
t "the ticker service is enabled" sh -c "debugfs -R 'ls -l /etc/systemd/system/multi-user.target.wants' '$tmp/root.ext4' 2>/dev/null | grep -q ticker.service"
t "the package's copy of the journal policy is not installed (the image's is)" sh -c "debugfs -R 'stat /etc/systemd/journald.conf.d/60-ticker.conf' '$tmp/root.ext4' 2>/dev/null | grep -q regular"
dd if="$img" of="$tmp/data.ext4" bs=1M iflag=skip_bytes,count_bytes skip="$(off 3)" count="$(size 3)" status=none
t "journald keeps the journal (Storage=persistent, capped)" sh -c "debugfs -R 'cat /etc/systemd/journald.conf.d/60-ticker.conf' '$tmp/root.ext4' 2>/dev/null | grep -qx 'Storage=persistent'"
t "data partition holds cache/ and state/" sh -c "debugfs -R 'ls /' '$tmp/data.ext4' 2>/dev/null | grep -q cache && debugfs -R 'ls /' '$tmp/data.ext4' 2>/dev/null | grep -q state"
echo "check-image: $pass passed, $fail failed"
[ "$fail" = 0 ]
