#!/bin/sh
# mkimage.sh DEB OUTDIR
# The flashable Raspberry Pi image (OUTDIR/ticker-rpi-arm64.img): Debian bookworm
# arm64 with Debian's raspi-firmware and linux-image-arm64, the ticker .deb, a
# read-only root and a data partition. The QEMU end-to-end test boots the same
# image on the arm64 "virt" board (make e2e).
#  1. base: mmdebstrap --variant=minbase from the Debian archive only (main and
#     non-free-firmware), with systemd, udev, the kernel with a trimmed initramfs,
#     the Pi firmware and every package the .deb depends on. Minutes; cached
#     under a key of its inputs.
#  2. the .deb installed with dpkg inside a copy of the base, then the image's
#     own policy (image-policy.sh: read-only root, no console login, ...).
#  3. mkdisk.sh: the partitioned disk image. Seconds; redone when the .deb changes.
set -eu
deb=$(realpath "$1") out=$2
here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
arch=$(dpkg-deb -f "$deb" Architecture)
case $arch in
arm64) kernel=linux-image-arm64 qemu=qemu-aarch64 ;;
armhf) kernel=linux-image-armmp-lpae qemu=qemu-arm ;;
amd64) kernel=linux-image-amd64 qemu= ;;
*) echo "mkimage: no kernel known for $arch" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "mkimage: needs root (file ownership in the image)" >&2; exit 1; }
mkdir -p "$out"
t0=$(date +%s)

# Foreign architecture: maintainer scripts run under qemu-user through binfmt_misc.
if [ -n "$qemu" ] && [ "$arch" != "$(dpkg --print-architecture)" ]; then
	[ -e /proc/sys/fs/binfmt_misc/register ] ||
		mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
	[ -e "/proc/sys/fs/binfmt_misc/$qemu" ] || update-binfmts --enable "$qemu"
fi

# The .deb's Depends, first alternative, no versions: installed in the base so
# that dpkg -i needs no network later.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g' | grep . | sort -u | tr '\n' ' ')
# The runtime libraries the ticker is expected to need are listed up front, so
# that the base (keyed on this set) is not rebuilt when the binary links one more.
runtime="libsdl2-2.0-0 libsdl2-ttf-2.0-0 libxml2 libunistring2 libfribidi0 libsodium23
	libpng16-16 libjson-c5 libsystemd0 libharfbuzz0b libfreetype6 libegl1 libegl-mesa0 libgles2
	libgl1-mesa-dri libgbm1 libfontconfig1 fonts-noto-core fonts-dejavu-core fonts-wqy-microhei fonts-symbola init-system-helpers"
# The Pi boot firmware (non-free-firmware) and the tools the image's first boot needs
# to grow its data partition (sfdisk; resize2fs and partx are in the minimal base).
board="raspi-firmware fdisk e2fsprogs"
fixed=$(echo systemd systemd-sysv udev kmod initramfs-tools "$kernel" $runtime $board | tr ' \t' '\n\n' | grep . | sort -u | tr '\n' ' ')
pkgs=$(echo $fixed $deps | tr ' ' '\n' | sort -u | tr '\n' ' ')
# The base is keyed on what goes into it: the fixed packages, mirror, the mmdebstrap
# options below (sed extracts them from this file) and mmdebstrap's version. A
# dependency the binary gains later is added by apt in stage 2, not by a rebuild.
key=$( { echo "$arch $mirror $fixed"; sed -n '/^\tmmdebstrap /,/bookworm-security/p' "$here/mkimage.sh"
	mmdebstrap --version; } | sha256sum | cut -c1-16)

# The base lives outside the work tree, keyed, so that another clone on this
# machine (CI) reuses it; only the newest one is kept.
cache=${TICKER_IMAGE_CACHE:-/var/cache/ticker-image}
mkdir -p "$cache"
if [ -d "$cache/base-$key" ] && [ ! -d "$out/base" -o "$(cat "$out/base.key" 2>/dev/null)" != "$key" ]; then
	rm -rf "$out/base"
	ln -sfn "$cache/base-$key" "$out/base"
	echo "$key" >"$out/base.key"
	echo "mkimage: reusing the base root filesystem $cache/base-$key"
fi
if [ "$(cat "$out/base.key" 2>/dev/null)" != "$key" ] || [ ! -d "$out/base" ]; then
	echo "mkimage: building the base root filesystem (mmdebstrap, several minutes)"
	# A build killed half way leaves mmdebstrap's mounts in base.tmp.
	awk -v p="$(realpath "$out")/base.tmp/" 'index($2, p) == 1 { print $2 }' /proc/mounts |
		sort -r | xargs -r -n1 umount
	rm -rf "$out/base" "$out/base.key" "$out/base.tmp"
	# The initramfs only needs to find the root partition: MODULES=list plus these
	# modules keeps update-initramfs (under emulation) short. virtio for QEMU; for the
	# Pi's SD card: sdhci-iproc (Pi 4 emmc2 and Pi 3's SD host in upstream device
	# trees), bcm2835 (the Pi 3 "sdhost"), mmc_block. Untested on hardware.
	mmdebstrap --variant=minbase --arch="$arch" --include="$(echo $pkgs | tr ' ' ',')" \
		--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
		--aptopt='APT::Install-Recommends "false"' \
		--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
		--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
		--setup-hook='mkdir -p "$1/etc/initramfs-tools/conf.d" "$1/etc/initramfs-tools/hooks"' \
		--setup-hook='printf "MODULES=list\nCOMPRESS=gzip\n" > "$1/etc/initramfs-tools/conf.d/ticker"' \
		--setup-hook='printf "#!/bin/sh\n[ \"\$1\" = prereqs ] && exit 0\n. /usr/share/initramfs-tools/hook-functions\nmanual_add_modules virtio_pci virtio_blk virtio_mmio ext4 mmc_block sdhci sdhci_pltfm sdhci_iproc bcm2835\n" > "$1/etc/initramfs-tools/hooks/ticker"; chmod 755 "$1/etc/initramfs-tools/hooks/ticker"' \
		--customize-hook='echo ticker > "$1/etc/hostname"' \
		--customize-hook='printf "/dev/vda / ext4 rw,noatime 0 1\n" > "$1/etc/fstab"' \
		bookworm "$out/base.tmp" \
		"deb $mirror bookworm main non-free-firmware" "deb $mirror bookworm-updates main non-free-firmware" \
		"deb $security bookworm-security main non-free-firmware"
	find "$cache" -maxdepth 1 -name 'base-*' -exec rm -rf {} +
	mv "$out/base.tmp" "$cache/base-$key"
	ln -sfn "$cache/base-$key" "$out/base"
	echo "$key" >"$out/base.key"
	echo "mkimage: base built in $(( $(date +%s) - t0 )) s"
fi

# Stage 2: the package, installed by dpkg, into a copy of the base.
key2=$( { echo "$key"; sha256sum "$deb"; } | sha256sum | cut -c1-16)
key2=$( { echo "$key2"; cat "$here"/* "$here/../boot/"* "$here/../conf.d/"*; } | sha256sum | cut -c1-16)
if [ "$(cat "$out/rootfs.key" 2>/dev/null)" = "$key2" ] && [ -f "$out/ticker-rpi-arm64.img" ]; then
	echo "mkimage: $out/ticker-rpi-arm64.img is up to date"
	exit 0
fi
rm -rf "$out/rootfs" "$out/rootfs.key"
cp -a "$out/base/." "$out/rootfs"
cp "$deb" "$out/rootfs/tmp/ticker.deb"
mount -t proc proc "$out/rootfs/proc"
trap 'umount "$out/rootfs/proc" 2>/dev/null || true' EXIT
if ! chroot "$out/rootfs" dpkg -i /tmp/ticker.deb; then
	# A dependency the base lacks (the binary links a new library): let apt
	# fetch it from the archive and finish the configuration, then say so.
	echo "mkimage: the base lacks some of the package's dependencies; installing them with apt" \
	     "(add them to 'runtime' in firmware/image/mkimage.sh)" >&2
	cp /etc/resolv.conf "$out/rootfs/etc/resolv.conf" 2>/dev/null || true
	printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
		"$mirror" "$mirror" "$security" >"$out/rootfs/etc/apt/sources.list"
	chroot "$out/rootfs" apt-get update -q
	chroot "$out/rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -f --no-install-recommends
	chroot "$out/rootfs" apt-get clean
	rm -rf "$out/rootfs/var/lib/apt/lists/"*
fi
umount "$out/rootfs/proc"; trap - EXIT
rm -f "$out/rootfs/tmp/ticker.deb"

# Stage 3: the image's policy, then the disk. The disk identifier (and so every
# PARTUUID) is derived from the inputs, so the same inputs give the same image.
diskid=$(echo "$key2" | cut -c1-8)
sh "$here/image-policy.sh" "$out/rootfs" "$diskid"
sh "$here/mkdisk.sh" "$out/rootfs" "$diskid" "$out/ticker-rpi-arm64.img"
rm -rf "$out/rootfs"
echo "$key2" >"$out/rootfs.key"
echo "mkimage: $out/ticker-rpi-arm64.img ready ($(( $(date +%s) - t0 )) s)"
