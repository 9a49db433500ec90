#!/bin/sh
# Install the Debian packages a target needs, only the missing ones, non-interactively.
# Usage: toolchain/deps.sh TARGET SET...   (TARGET: host, arm64, armhf; SET: build tools asan cross)
# Fast when nothing is missing: one dpkg-query call.
set -eu
target=${1:-host}; shift || true
sets=${*:-build tools}
here=$(dirname "$0")

native=$(dpkg --print-architecture)
arch=$native
case $target in
  host) ;;
  arm64) arch=arm64 ;;
  armhf) arch=armhf ;;
  *) echo "deps: unknown TARGET '$target' (host, arm64, armhf)" >&2; exit 2 ;;
esac

want=""
for s in $sets; do
  for p in $(awk -v s="$s" '$1 == s { print $2 }' "$here/packages.txt"); do
    # Multiarch libraries may be installed for several architectures: ask for ours.
    if [ "$s" = build ]; then p="$p:$arch"; fi
    want="$want $p"
  done
done
if [ "$arch" != "$native" ]; then
  want="$want $(awk '/^CROSS_PKGS/ { for (i = 3; i <= NF; i++) print $i }' "$here/$target.mk") qemu-user-static"
fi

missing=""
for p in $want; do
  dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed || missing="$missing $p"
done
[ -n "$missing" ] || exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install:$missing" >&2; exit 1; }
  sudo=sudo
fi
# Another package manager (unattended-upgrades on a freshly booted Pi, a desktop
# updater) holds the dpkg/apt locks: wait for it with a message instead of
# failing at once. apt-get itself also waits (DPkg::Lock::Timeout) for what
# this check cannot see. TICKER_APT_WAIT bounds the wait in seconds.
wait_s=${TICKER_APT_WAIT:-900}
pkgmgrs='apt|apt-get|aptitude|dpkg|unattended-upgr|packagekitd|apt.systemd.dai'
apt_busy() {
  command -v pgrep >/dev/null || return 1
  pgrep -x "$pkgmgrs" >/dev/null 2>&1
}
waited=0
while apt_busy && [ "$waited" -lt "$wait_s" ]; do
  if [ $((waited % 30)) -eq 0 ]; then
    echo "deps: another package manager is running ($(pgrep -a -x "$pkgmgrs" 2>/dev/null | head -n 1)); waiting for it (${waited}s of ${wait_s}s)..." >&2
  fi
  sleep 5
  waited=$((waited + 5))
done
lock="-oDPkg::Lock::Timeout=$wait_s"
echo "deps: installing$missing"
if [ "$arch" != "$native" ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
  echo "deps: adding Debian architecture $arch"
  $sudo dpkg --add-architecture "$arch"
fi
# A mirror in mid-sync can fail one index; retry, then go on with what we have.
i=0
until $sudo apt-get "$lock" update -q >/tmp/ticker-apt-update.log 2>&1; do
  i=$((i + 1))
  if [ $i -ge 3 ]; then echo "deps: apt-get update reported errors (see /tmp/ticker-apt-update.log); trying anyway" >&2; break; fi
  sleep 5
done
$sudo env DEBIAN_FRONTEND=noninteractive apt-get "$lock" install -y -q --no-install-recommends $missing
