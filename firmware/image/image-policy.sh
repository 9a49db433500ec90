#!/bin/sh
# image-policy.sh ROOTFS DISKID
# What makes the installed root filesystem a lobby appliance rather than a Debian
# install: whole-machine settings that belong to the image, never to the .deb.
#  - root read-only, mounted by PARTUUID (never by label: a USB stick can carry any
#    label); state on the data partition; tmpfs where the system must write;
#  - the operator's settings and keys on the FAT boot partition (editable from
#    Windows or macOS before first boot), read-only at run time;
#  - no login on any console, Ctrl-Alt-Del does nothing, the journal (capped) on
#    the data partition, systemd
#    feeds the hardware watchdog;
#  - the data partition grows to fill the card on first boot.
set -eu
root=$1 id=$2
here=$(cd "$(dirname "$0")" && pwd)
fw=$here/..

# Partition 1: FAT boot, 2: root, 3: data (mkdisk.sh makes them in this order).
cat >"$root/etc/fstab" <<EOF
# Lobby ticker image. Mounted by PARTUUID only: a stick may carry any label.
PARTUUID=$id-02  /                ext4   ro,noatime,errors=remount-ro                        0 1
PARTUUID=$id-01  /boot/firmware   vfat   ro,noatime,fmask=0133,dmask=0022,nofail             0 2
PARTUUID=$id-03  /var/lib/ticker  ext4   rw,noatime,nosuid,nodev,noexec,commit=5,nofail      0 2
/var/lib/ticker/app /var/lib/ticker/app none bind,exec,nosuid,nodev,nofail,x-systemd.requires-mounts-for=/var/lib/ticker 0 0
/var/lib/ticker/journal /var/log/journal none bind,nosuid,nodev,noexec,nofail,x-systemd.requires-mounts-for=/var/lib/ticker 0 0
tmpfs            /tmp             tmpfs  nosuid,nodev,mode=1777,size=64M                     0 0
tmpfs            /var/tmp         tmpfs  nosuid,nodev,mode=1777,size=16M                     0 0
tmpfs            /var/log         tmpfs  nosuid,nodev,noexec,mode=0755,size=16M              0 0
tmpfs            /var/lib/systemd tmpfs  nosuid,nodev,noexec,mode=0755,size=4M               0 0
EOF
mkdir -p "$root/boot/firmware" "$root/var/lib/ticker"
# The Pi firmware's own copy of the boot files is rebuilt by mkdisk.sh from the packages.
rm -rf "$root/boot/firmware/"*

# Settings and keys live on the FAT partition; /etc/ticker points there.
mkdir -p "$root/usr/share/ticker/image"
cp "$root/etc/ticker/ticker.conf" "$root/usr/share/ticker/image/ticker.conf"
rm -rf "$root/etc/ticker/ticker.conf" "$root/etc/ticker/keys.d"
ln -s /boot/firmware/ticker/ticker.conf "$root/etc/ticker/ticker.conf"
ln -s /boot/firmware/ticker/keys "$root/etc/ticker/keys.d"
ln -sfn /boot/firmware/ticker/update-keys "$root/etc/ticker/update-keys.d"

# Software updates from a stick (ticker update / supervise): the display starts
# through the supervisor, which runs the signed application slot on the data
# partition (an exec bind mount of /var/lib/ticker/app only; the rest of the
# data partition stays noexec), or its own built-in version.
mkdir -p "$root/etc/systemd/system/ticker.service.d"
printf '[Service]\nExecStart=\nExecStart=/usr/bin/ticker supervise\n' \
	>"$root/etc/systemd/system/ticker.service.d/60-supervise.conf"

# The journal on the data partition (small cap) and systemd feeding the hardware watchdog.
install -D -m 0644 "$here/journald-image.conf" "$root/etc/systemd/journald.conf.d/60-ticker.conf"
install -D -m 0644 "$fw/conf.d/system-watchdog.conf" "$root/etc/systemd/system.conf.d/60-ticker-watchdog.conf"

# A USB keyboard (or a stick pretending to be one) does nothing: Ctrl-Alt-Del
# pressed seven times is no reboot either, and no magic SysRq keys.
install -D -m 0644 "$fw/conf.d/system-keyboard.conf" "$root/etc/systemd/system.conf.d/60-ticker-keyboard.conf"
install -D -m 0644 "$fw/conf.d/sysctl-ticker.conf" "$root/etc/sysctl.d/60-ticker.conf"

# Nobody logs in at the box: no getty on any console; a USB keyboard's
# Ctrl-Alt-Del does nothing.
for u in getty@.service serial-getty@.service console-getty.service getty.target \
	ctrl-alt-del.target autovt@.service; do
	ln -sfn /dev/null "$root/etc/systemd/system/$u"
done

# No RTC on a Pi: the clock goes forward to the newest time saved (hourly) or to
# a signed stick's signing time (ticker-clock.*). Whole-machine policy: the
# image's, not the package's.
for w in sysinit.target:ticker-clock@restore.service:ticker-clock@.service \
	paths.target:ticker-clock.path:ticker-clock.path \
	timers.target:ticker-clock-save.timer:ticker-clock-save.timer; do
	t=${w%%:*} rest=${w#*:}
	mkdir -p "$root/etc/systemd/system/$t.wants"
	ln -sfn "/lib/systemd/system/${rest#*:}" "$root/etc/systemd/system/$t.wants/${rest%%:*}"
done

# First boot: grow the data partition and its filesystem to the end of the card.
install -D -m 0755 "$here/ticker-grow-data" "$root/usr/libexec/ticker/ticker-grow-data"
install -D -m 0644 "$here/ticker-grow-data.service" "$root/etc/systemd/system/ticker-grow-data.service"
mkdir -p "$root/etc/systemd/system/local-fs.target.wants"
ln -sfn ../ticker-grow-data.service "$root/etc/systemd/system/local-fs.target.wants/ticker-grow-data.service"

# A read-only /etc: systemd must not think /usr is newer than /etc and /var
# (ConditionNeedsUpdate= units would run, and fail, at every boot).
echo ticker >"$root/etc/hostname"
: >"$root/etc/machine-id"
touch "$root/etc/.updated" "$root/var/.updated"
