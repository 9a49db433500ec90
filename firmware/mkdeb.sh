#!/bin/sh
# mkdeb.sh BINARY DEB_ARCH VERSION OUT.deb [RUN_PREFIX]
# Builds the lobby-ticker .deb with dpkg-deb from the built binary, assets/ and
# firmware/. Depends come from the binary's real shared-library needs
# (dpkg-shlibdeps, for the target architecture) plus what SDL loads with
# dlopen (EGL/GLES, Mesa's drivers). RUN_PREFIX runs a target binary on the
# build machine (qemu-aarch64-static for arm64) to print its configuration.
set -eu
bin=$1 arch=$2 version=$3 out=$4 run=${5:-}
top=$(cd "$(dirname "$0")/.." && pwd)
fw=$top/firmware
mkdir -p "$(dirname "$out")"
work=$(cd "$(dirname "$out")" && pwd)/deb
root=$work/root
rm -rf "$work"
mkdir -p "$root/DEBIAN"

inst() { # inst MODE SRC DEST
	install -D -m "$1" "$2" "$root$3"
}
inst 0755 "$bin" /usr/bin/ticker
case $arch in
arm64) strip=aarch64-linux-gnu-strip ;;
armhf) strip=arm-linux-gnueabihf-strip ;;
*) strip=strip ;;
esac
command -v "$strip" >/dev/null && "$strip" --strip-unneeded --remove-section=.comment "$root/usr/bin/ticker"
mkdir -p "$root/usr/share/ticker"
[ -d "$top/assets" ] && cp -R "$top/assets/." "$root/usr/share/ticker/"
# The translators' sources stay behind; their compiled catalogs (msgfmt, next
# to the binary) are found through assets_dir: /usr/share/ticker/locale.
rm -rf "$root/usr/share/ticker/po"
cp -R "$(dirname "$bin")/locale" "$root/usr/share/ticker/"
# Units, udev rule, helper, examples: firmware/stage.sh, the same tree the unit tests check.
sh "$fw/stage.sh" "$root"
inst 0644 "$top/README.md" /usr/share/doc/lobby-ticker/README.md
inst 0644 "$fw/debian/copyright" /usr/share/doc/lobby-ticker/copyright
printf 'lobby-ticker (%s) unstable; urgency=medium\n\n  * Built from git %s.\n\n -- Lobby ticker developers <ticker-dev@example.org>  %s\n' \
	"$version" "$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$(date -R)" |
	gzip -9n >"$work/changelog.gz"
inst 0644 "$work/changelog.gz" /usr/share/doc/lobby-ticker/changelog.gz
mkdir -p "$root/etc/ticker/keys.d"

# The default configuration, generated from the binary's own key table.
: >"$work/empty.conf" # the compiled defaults (a non-regular config file is refused)
$run "$bin" --config "$work/empty.conf" config | sh "$fw/gen-conf.sh" >"$work/ticker.conf"
inst 0644 "$work/ticker.conf" /etc/ticker/ticker.conf
if ! cmp -s "$work/ticker.conf" "$fw/ticker.conf"; then
	echo "mkdeb: note: firmware/ticker.conf differs from the binary's keys; shipping the generated one" \
	     "(refresh it: cp $work/ticker.conf firmware/ticker.conf)" >&2
fi
echo /etc/ticker/ticker.conf >"$root/DEBIAN/conffiles"

for s in postinst prerm postrm; do install -m 0755 "$fw/debian/$s" "$root/DEBIAN/$s"; done

# Depends: shared libraries the binary links, for the target architecture.
mkdir -p "$work/src/debian"
printf 'Source: lobby-ticker\n\nPackage: lobby-ticker\nArchitecture: any\n' >"$work/src/debian/control"
shlibs=$(cd "$work/src" && dpkg-architecture -a"$arch" -f -c \
	dpkg-shlibdeps -O -xlobby-ticker "$root/usr/bin/ticker" 2>"$work/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { cat "$work/shlibdeps.log" >&2; echo "mkdeb: dpkg-shlibdeps found nothing" >&2; exit 1; }
# SDL opens these with dlopen, so shlibdeps cannot see them: EGL + GLES2 and
# Mesa's DRI drivers (vc4/v3d on a Pi, llvmpipe elsewhere);
# udev and systemd for the units (util-linux, for setpriv/mount/flock, is essential).
depends="$shlibs, libegl1, libegl-mesa0, libgles2, libgl1-mesa-dri, libgbm1, systemd, udev, init-system-helpers (>= 1.54~)"

rm -rf "$work/src"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# The package is "lobby-ticker": Debian has an unrelated "ticker" (a terminal text
# scroller) that also ships /usr/bin/ticker, hence Conflicts/Replaces in control.in.
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    -e "s/@DEPENDS@/$depends/" "$fw/debian/control.in" >"$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort |
	xargs md5sum) >"$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "  DEB     $out"
