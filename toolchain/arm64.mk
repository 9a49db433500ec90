# Raspberry Pi OS / Debian 12 arm64: Zero 2 W, 3, 4, 5. Cortex-A53 is the common floor.
CC        := aarch64-linux-gnu-gcc
PKG_CONFIG = PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig pkg-config
DEB_ARCH  := arm64
CPUFLAGS  := -mcpu=cortex-a53
CROSS_PKGS := gcc-aarch64-linux-gnu
# Tests of the cross build run under user-mode emulation; libraries come from multiarch.
RUN_TEST  := qemu-aarch64-static
