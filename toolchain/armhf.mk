# Raspberry Pi OS 32-bit (armhf: ARMv7, VFPv3-D16, hard float). Pi 2 and later.
CC        := arm-linux-gnueabihf-gcc
PKG_CONFIG = PKG_CONFIG_LIBDIR=/usr/lib/arm-linux-gnueabihf/pkgconfig:/usr/share/pkgconfig pkg-config
DEB_ARCH  := armhf
CPUFLAGS  := -march=armv7-a -mfpu=vfpv3-d16 -mfloat-abi=hard
CROSS_PKGS := gcc-arm-linux-gnueabihf
RUN_TEST  := qemu-arm-static
