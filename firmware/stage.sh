#!/bin/sh
# stage.sh ROOT: install what the package ships from firmware/ (units, udev rule,
# import helper, boot files, examples) into the file tree ROOT, at the package's
# paths. Called by mkdeb.sh, and by tests/firmware/test_units.sh, which checks
# the staged tree with systemd-analyze: what is tested is what is shipped.
# Whole-machine settings are examples here; firmware/image/image-policy.sh
# applies them to the appliance image.
set -eu
root=$1
top=$(cd "$(dirname "$0")/.." && pwd)
fw=$top/firmware
ex=/usr/share/doc/lobby-ticker/examples
inst() { # inst MODE SRC DEST
	install -D -m "$1" "$2" "$root$3"
}
inst 0755 "$fw/libexec/ticker-usb-import" /usr/libexec/ticker/ticker-usb-import
# Bookworm keeps packaged units and rules under /lib (merged-/usr aliasing rules).
inst 0644 "$fw/systemd/ticker.service" /lib/systemd/system/ticker.service
inst 0644 "$fw/systemd/ticker-import@.service" /lib/systemd/system/ticker-import@.service
# The clock of a box without an RTC: shipped, enabled by the image only.
for u in ticker-clock@.service ticker-clock.path ticker-clock-save.service ticker-clock-save.timer; do
	inst 0644 "$fw/systemd/$u" /lib/systemd/system/$u
done
inst 0644 "$fw/udev/60-ticker.rules" /lib/udev/rules.d/60-ticker.rules
inst 0644 "$fw/sysusers/ticker.conf" /usr/lib/sysusers.d/ticker.conf
inst 0644 "$fw/tmpfiles/ticker.conf" /usr/lib/tmpfiles.d/ticker.conf
# Whole-machine settings (journal storage, the hardware watchdog, what a USB
# keyboard may do) belong to the image, not to a package installed on somebody's
# Pi OS: shipped as examples, applied by firmware/image/.
inst 0644 "$fw/conf.d/journald-ticker.conf" $ex/journald-ticker.conf
inst 0644 "$fw/conf.d/system-watchdog.conf" $ex/system-watchdog.conf
inst 0644 "$fw/conf.d/system-keyboard.conf" $ex/system-keyboard.conf
inst 0644 "$fw/conf.d/sysctl-ticker.conf" $ex/sysctl-ticker.conf
# Opt-in settings of the USB port, as systemd drop-ins (README, "The USB port").
inst 0644 "$fw/systemd/examples/ticker-input.conf" $ex/ticker-input.conf
inst 0644 "$fw/systemd/examples/ticker-import-ext4.conf" $ex/ticker-import-ext4.conf
inst 0644 "$fw/boot/config.txt" /usr/share/ticker/boot/config.txt
inst 0644 "$fw/boot/cmdline.txt" /usr/share/ticker/boot/cmdline.txt
