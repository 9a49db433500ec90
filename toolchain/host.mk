# Native build on the build machine (Debian 12, any architecture).
CC        ?= cc
PKG_CONFIG = pkg-config
DEB_ARCH  := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
CPUFLAGS  :=
RUN_TEST  :=
