#!/bin/sh
# mkdisk.sh ROOTFS DISKID OUT.img
# The SD card image, without loop devices or mounts: an MBR table (the Pi 3 boot
# ROM reads MBR only) with
#   1  FAT32 boot: Debian's raspi-firmware files, the Pi device trees of Debian's
#      kernel, the kernel and initrd named by config.txt, cmdline.txt, and
#      ticker/ (ticker.conf, keys/) for the operator;
#   2  ext4 root, mounted read-only;
#   3  ext4 data (/var/lib/ticker), grown to fill the card at first boot.
# Each filesystem is made in its own file (mkfs.vfat + mcopy, mkfs.ext4 -d) and
# copied into place with dd.
set -eu
root=$1 id=$2 img=$3
here=$(cd "$(dirname "$0")" && pwd)
fw=$here/..
work=$img.parts
rm -rf "$work" "$img" "$img.tmp"
mkdir -p "$work/boot/ticker/keys" "$work/boot/ticker/update-keys" "$work/data/cache" \
	"$work/data/state" "$work/data/app" "$work/data/journal"
export MTOOLS_SKIP_CHECK=1

# ---- boot partition contents ----------------------------------------------------
kver=$(ls "$root/lib/modules" | sort -V | tail -n 1)
[ -n "$kver" ] || { echo "mkdisk: no kernel in $root/lib/modules" >&2; exit 1; }
fwdir=$root/usr/lib/raspi-firmware
# Pi 3 / Zero 2 W: bootcode.bin + start.elf + fixup.dat; Pi 4 / 400 / CM4: start4.elf + fixup4.dat.
for f in bootcode.bin start.elf fixup.dat start4.elf fixup4.dat; do
	cp "$fwdir/$f" "$work/boot/$f"
done
# Upstream device trees (upstream_kernel=1 makes the firmware load these names).
dtbdir=$root/usr/lib/linux-image-$kver/broadcom
n=0
for d in "$dtbdir"/bcm2837-rpi-*.dtb "$dtbdir"/bcm2711-rpi-*.dtb "$dtbdir"/bcm2710-rpi-*.dtb; do
	[ -e "$d" ] || continue
	cp "$d" "$work/boot/"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "mkdisk: no Raspberry Pi device trees in $dtbdir" >&2; exit 1; }
cp "$root/boot/vmlinuz-$kver" "$work/boot/vmlinuz-$kver"
cp "$root/boot/initrd.img-$kver" "$work/boot/initrd.img-$kver"
sed -e "s/@KERNEL@/vmlinuz-$kver/" -e "s/@INITRD@/initrd.img-$kver/" \
	"$fw/boot/image-config.txt" >"$work/boot/config.txt"
# One line: the root by PARTUUID, read-only, then the ticker's console words.
printf 'root=PARTUUID=%s-02 ro rootwait fsck.repair=yes net.ifnames=0 %s\n' "$id" \
	"$(grep -v '^#' "$fw/boot/cmdline.txt" | tr '\n' ' ' | sed 's/  */ /g; s/ $//')" \
	>"$work/boot/cmdline.txt"
# The operator's files, with Windows line ends so that Notepad shows them whole.
sed 's/$/\r/' "$root/usr/share/ticker/image/ticker.conf" >"$work/boot/ticker/ticker.conf"
sed 's/$/\r/' "$here/keys-README.txt" >"$work/boot/ticker/KEYS-README.txt"

# ---- sizes (MiB) ------------------------------------------------------------------
boot_mb=256
root_mb=$(( $(du -sm "$root" | cut -f1) * 5 / 4 + 64 ))
data_mb=128
start_mb=4
total_mb=$((start_mb + boot_mb + root_mb + data_mb))

# ---- filesystems ------------------------------------------------------------------
mkfs.vfat -F 32 -s 1 -n TICKERBOOT -i "$id" -C "$work/boot.fat" $((boot_mb * 1024)) >/dev/null
mcopy -s -i "$work/boot.fat" "$work/boot/"* ::
mkfs.ext4 -q -F -L tickerroot -d "$root" "$work/root.ext4" "${root_mb}M"
chmod 0755 "$work/data"
chmod 0750 "$work/data/cache" "$work/data/state"
tuid=$(awk -F: '$1 == "ticker" { print $3 ":" $4 }' "$root/etc/passwd")
[ -n "$tuid" ] && chown "$tuid" "$work/data" "$work/data/cache" "$work/data/state" "$work/data/app"
# journald's own directory: root, group systemd-journal, setgid (as systemd-tmpfiles makes it).
jgid=$(awk -F: '$1 == "systemd-journal" { print $3 }' "$root/etc/group")
[ -n "$jgid" ] && chown "0:$jgid" "$work/data/journal" && chmod 2755 "$work/data/journal"
mkfs.ext4 -q -F -L tickerdata -d "$work/data" "$work/data.ext4" "${data_mb}M"

# ---- the disk ---------------------------------------------------------------------
truncate -s "${total_mb}M" "$img.tmp"
sfdisk -q "$img.tmp" <<EOF
label: dos
label-id: 0x$id
unit: sectors

start=$((start_mb * 2048)), size=$((boot_mb * 2048)), type=c, bootable
start=$(((start_mb + boot_mb) * 2048)), size=$((root_mb * 2048)), type=83
start=$(((start_mb + boot_mb + root_mb) * 2048)), size=$((data_mb * 2048)), type=83
EOF
dd if="$work/boot.fat" of="$img.tmp" bs=1M seek=$start_mb conv=notrunc,sparse status=none
dd if="$work/root.ext4" of="$img.tmp" bs=1M seek=$((start_mb + boot_mb)) conv=notrunc,sparse status=none
dd if="$work/data.ext4" of="$img.tmp" bs=1M seek=$((start_mb + boot_mb + root_mb)) conv=notrunc,sparse status=none
mv "$img.tmp" "$img"
rm -rf "$work"
echo "mkdisk: $img: ${total_mb} MiB (boot $boot_mb, root $root_mb, data $data_mb), disk id 0x$id, kernel $kver"
