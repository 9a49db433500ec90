#!/bin/sh
# stage.sh ROOT: install everything under firmware/ (units, udev rule, helper,
# system settings, examples) into the file tree ROOT, at the paths the package
# uses. Called by mkdeb.sh, and by tests/firmware/test_units.sh, which checks
# the staged tree with systemd-analyze: what is tested is what is shipped.
set -eu
root=$1
top=$(cd "$(dirname "$0")/.." && pwd)
fw=$top/firmware
inst() { # inst MODE SRC DEST
	install -D -m "$1" "$2" "$root$3"
}
inst 0755 "$fw/libexec/ticker-usb-import" /usr/libexec/ticker/ticker-usb-import
# Bookworm keeps packaged units and rules under /lib (merged-/usr aliasing rules).
inst 0644 "$fw/systemd/ticker.service" /lib/systemd/system/ticker.service
inst 0644 "$fw/systemd/ticker-import@.service" /lib/systemd/system/ticker-import@.service
inst 0644 "$fw/udev/60-ticker.rules" /lib/udev/rules.d/60-ticker.rules
inst 0644 "$fw/sysusers/ticker.conf" /usr/lib/sysusers.d/ticker.conf
inst 0644 "$fw/tmpfiles/ticker.conf" /usr/lib/tmpfiles.d/ticker.conf
inst 0644 "$fw/conf.d/journald-ticker.conf" /usr/lib/systemd/journald.conf.d/60-ticker.conf
inst 0644 "$fw/conf.d/system-watchdog.conf" /usr/lib/systemd/system.conf.d/60-ticker-watchdog.conf
inst 0644 "$fw/conf.d/system-keyboard.conf" /usr/lib/systemd/system.conf.d/60-ticker-keyboard.conf
inst 0644 "$fw/conf.d/sysctl-ticker.conf" /usr/lib/sysctl.d/60-ticker.conf
# A keyboard on the USB port (or a stick pretending to be one) must not reboot
# the box with Ctrl-Alt-Del: the target is masked, as `systemctl mask` does.
mkdir -p "$root/etc/systemd/system"
ln -sfn /dev/null "$root/etc/systemd/system/ctrl-alt-del.target"
inst 0644 "$fw/systemd/examples/ticker-input.conf" /usr/share/ticker/examples/ticker-input.conf
inst 0644 "$fw/systemd/examples/ticker-import-ext4.conf" /usr/share/ticker/examples/ticker-import-ext4.conf
inst 0644 "$fw/boot/config.txt" /usr/share/ticker/boot/config.txt
inst 0644 "$fw/boot/cmdline.txt" /usr/share/ticker/boot/cmdline.txt
