# Lobby ticker: one Makefile for host and Raspberry Pi builds.
#   make                 build build/host/ticker
#   make run             install missing packages, build, run on the demo articles
#   make check           install missing packages, build, run every unit test
#   make TARGET=arm64    cross-build build/arm64/ticker (also armhf); check runs tests under qemu
#   make check-asan      unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang)
#   make check-faults    kill -9 the importer at 200 random points; the cache must stay whole
#   make bench           benchmarks that print figures (never pass/fail)
#   make soak HOURS=N    the display for N hours with an import every minute
#   make eval            extraction quality on development data named by POLNEAR_DIR, RECOGNIZERS_DIR
#   make install DESTDIR=... PREFIX=...
#   make format / format-check   apply / verify .clang-format on every C file
#   make pot             regenerate assets/po/ticker.pot from the marked strings (xgettext)
TARGET  ?= host
include toolchain/$(TARGET).mk

VERSION := 0.1.0
GITREV  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
PREFIX  ?= /usr
DESTDIR ?=
SAN     ?=

BUILD   := build/$(TARGET)$(if $(SAN),-$(SAN))
PKGS    := sdl2 SDL2_ttf libxml-2.0 fribidi libsodium libpng json-c libsystemd fontconfig harfbuzz \
           libdrm libexttextcat

WARN := -Wall -Wextra -Wshadow -Wundef -Wstrict-prototypes -Wmissing-prototypes \
        -Wpointer-arith -Wcast-align -Wwrite-strings -Wformat=2 -Wvla \
        -Wmissing-declarations -Wold-style-definition -Wnull-dereference \
        -Wimplicit-fallthrough -Wno-unused-parameter
# Warnings are errors everywhere (the toolchain is pinned to Debian 12's gcc);
# WERROR=0 relaxes that for local experiments, never in CI.
WERROR ?= 1
ifeq ($(CI),true)
WERROR := 1
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif

OPT      ?= -O2 -g
CFLAGS   ?=
CPPFLAGS := -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -DTK_VERSION='"$(VERSION)"' \
            -DTK_GITREV='"$(GITREV)"' -DTK_DATADIR='"$(PREFIX)/share/ticker"' \
            -DTK_BUILD_DIR='"$(BUILD)"' -Isrc
ALL_CFLAGS = -std=c11 $(OPT) $(CPUFLAGS) $(WARN) -MMD -MP $(SANFLAGS) $(CFLAGS) \
             $(shell $(PKG_CONFIG) --cflags $(PKGS))
LIBS      = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lunistring -lpthread -lm
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

ifeq ($(SAN),asan)
CC       := clang
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

SRCS     := $(wildcard src/*.c)
OBJS     := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIBOBJS  := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
TESTSRCS := $(wildcard tests/test_*.c)
TESTBINS := $(TESTSRCS:tests/%.c=$(BUILD)/tests/%)
# Test scripts for what is not C (the firmware's units): run by the same runner.
TESTSCRIPTS := $(wildcard tests/firmware/test_*.sh)
BENCHSRCS := $(wildcard tests/bench_*.c)
BENCHBINS := $(BENCHSRCS:tests/%.c=$(BUILD)/tests/%)
FUZZSRCS  := $(wildcard tests/fuzz_*.c)
FUZZBINS  := $(FUZZSRCS:tests/%.c=build/fuzz/%)
TESTSUPPORT := $(filter-out $(TESTSRCS) $(BENCHSRCS) $(FUZZSRCS),$(wildcard tests/*.c))
TESTSUPOBJS := $(TESTSUPPORT:tests/%.c=$(BUILD)/tests/obj/%.o)

# On-screen words (issue 13.4): assets/po/<lang>.po compiled by msgfmt into
# $(BUILD)/locale/<lang>/LC_MESSAGES/ticker.mo (found there in a source tree,
# under $(PREFIX)/share/ticker/locale when installed).
LANGS := fr de es it nl pt ar zh_CN ja
MOS   := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/ticker.mo)
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C --add-comments=TRANSLATORS --add-location=file \
	--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=TK_CK:1c,2 \
	--keyword=Q_:1,2 --package-name=ticker --package-version=$(VERSION) \
	--msgid-bugs-address=ticker-dev@example.org

# Quiet by default; V=1 shows the commands.
Q := $(if $(V),,@)
.SECONDARY:

.PHONY: all run check check-asan bench fuzz deps deps-asan install clean help tests pot
all: $(BUILD)/ticker $(MOS)

$(BUILD)/locale/%/LC_MESSAGES/ticker.mo: assets/po/%.po
	@$(if $(Q),echo "  MSGFMT  $<")
	@mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

# test_i18n runs xgettext with the same flags to find a stale template.
.PHONY: print-xgettext-flags
print-xgettext-flags:
	@echo $(XGETTEXT_FLAGS)

# The template translators start from; each .po is then updated with msgmerge.
pot:
	xgettext $(XGETTEXT_FLAGS) -o assets/po/ticker.pot $(sort $(SRCS))
	@for l in $(LANGS); do msgmerge -q --update --backup=none --no-fuzzy-matching \
	  assets/po/$$l.po assets/po/ticker.pot; done

help:
	@sed -n '2,11s/^# //p' Makefile

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tests/obj/%.o: tests/%.c | $(BUILD)/tests/obj
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Itests $(ALL_CFLAGS) -Wno-missing-prototypes -Wno-missing-declarations -c $< -o $@

$(BUILD)/ticker: $(OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

# test_noparse proves the display never calls the article parser: it links
# everything but the reader, the extractor and the logo decoder, whose entry points it stubs
# with abort().
PARSEROBJS := $(addprefix $(BUILD)/obj/,article.o article_build.o article_feed.o article_html.o extract.o quote.o speaker.o figure.o logo_png.o)
$(BUILD)/tests/test_noparse: $(BUILD)/tests/obj/test_noparse.o $(filter-out $(PARSEROBJS),$(LIBOBJS)) $(TESTSUPOBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/test_%: $(BUILD)/tests/obj/test_%.o $(LIBOBJS) $(TESTSUPOBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/bench_%: $(BUILD)/tests/obj/bench_%.o $(LIBOBJS) $(TESTSUPOBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)

# libFuzzer targets (clang): tests/fuzz_<name>.c, one per parser entry point.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              $(CPPFLAGS) -Itests $(shell pkg-config --cflags $(PKGS))
build/fuzz/fuzz_%: tests/fuzz_%.c $(filter-out src/main.c src/cmd_%.c,$(SRCS))
	@mkdir -p build/fuzz
	@echo "  FUZZ    $@"
	$(Q)clang $(FUZZ_CFLAGS) -o $@ $^ $(shell pkg-config --libs $(PKGS)) -lunistring -lpthread -lm

# Run every fuzz target for FUZZ_SECONDS each, seeded with the test fixtures.
# A crash, leak, timeout or sanitizer report fails the target (the log keeps the details).
fuzz: deps-asan $(FUZZBINS)
	@fail=0; for f in $(FUZZBINS); do \
	  n=$${f##*/fuzz_}; mkdir -p build/fuzz/corpus-$$n; \
	  echo "== $$f for $(FUZZ_SECONDS) s"; \
	  if $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/crash-$$n- \
	    build/fuzz/corpus-$$n $$(ls -d tests/data/fuzz-$$n tests/data/articles 2>/dev/null) \
	    >build/fuzz/$$n.log 2>&1; then tail -n 4 build/fuzz/$$n.log; \
	  else tail -n 60 build/fuzz/$$n.log; echo "FUZZ FAILURE: $$f (see build/fuzz/$$n.log)"; fail=1; fi; \
	done; exit $$fail

$(BUILD)/obj $(BUILD)/tests/obj:
	mkdir -p $@

tests: $(TESTBINS) $(BENCHBINS) $(BUILD)/ticker $(MOS)

# Packages: install only what is missing (fast when nothing is).
deps:
	@sh toolchain/deps.sh $(TARGET) build tools $(if $(filter-out host,$(TARGET)),cross)
deps-asan:
	@sh toolchain/deps.sh host build tools asan

# The unit tests. TICKER and TK_ROOT let tests find the binary, fixtures and ../shared/corpus.
# A cross build's tests run `ticker` through a small wrapper that calls the emulator, so
# they work whether or not the kernel's binfmt_misc knows qemu (containers often do not).
TICKER_RUN = $(if $(RUN_TEST),$(BUILD)/ticker-emu,$(BUILD)/ticker)
$(BUILD)/ticker-emu: $(BUILD)/ticker
	@printf '#!/bin/sh\nexec %s %s "$$@"\n' '$(RUN_TEST)' '$(CURDIR)/$(BUILD)/ticker' >$@
	@chmod 0755 $@

check: deps
	@$(MAKE) --no-print-directory tests $(TICKER_RUN)
	@TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/$(TICKER_RUN) RUN_TEST="$(RUN_TEST)" \
	  sh tests/run-tests.sh $(TESTBINS) $(TESTSCRIPTS)

check-asan: deps-asan
	@$(MAKE) --no-print-directory SAN=asan tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/build/$(TARGET)-asan/ticker \
	  sh tests/run-tests.sh $(patsubst build/$(TARGET)/%,build/$(TARGET)-asan/%,$(TESTBINS)) \
	  $(TESTSCRIPTS)

# Power cuts during `ticker import`: kill -9 at random points, RUNS times (tests/faults/).
.PHONY: check-faults
check-faults: deps
	@$(MAKE) --no-print-directory all
	@TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/$(BUILD)/ticker RUNS=$(or $(RUNS),200) \
	  bash tests/faults/killloop.sh

# Run on the bundled demo articles: a window or KMSDRM when there is a display, else a PNG.
run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/ticker run --assets $(CURDIR)/assets

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory tests
	@TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/$(BUILD)/ticker BUILD=$(CURDIR)/$(BUILD) sh tests/bench.sh

# Long run of the display with an import every minute: RSS, fds, CPU per 10 minutes.
.PHONY: soak
soak: deps
	@$(MAKE) --no-print-directory all
	@TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/$(BUILD)/ticker HOURS=$(or $(HOURS),2) sh tests/soak.sh

# README pictures (assets/*.png) from the demo articles, rendered by `ticker snapshot`/`preview`.
.PHONY: screenshots
screenshots: deps
	@$(MAKE) --no-print-directory all
	@TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/$(BUILD)/ticker sh tests/screenshots.sh

# Quality on third-party development data (never committed; see tests/eval/): POLNEAR_DIR, RECOGNIZERS_DIR.
.PHONY: eval
eval: deps
	@$(MAKE) --no-print-directory all
	@TK_ROOT=$(CURDIR) TICKER=$(CURDIR)/$(BUILD)/ticker BUILD=$(CURDIR)/$(BUILD) sh tests/eval/run.sh

install: $(BUILD)/ticker $(MOS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ticker
	install -m 0755 $(BUILD)/ticker $(DESTDIR)$(PREFIX)/bin/ticker
	cp -R assets/. $(DESTDIR)$(PREFIX)/share/ticker/
	rm -rf $(DESTDIR)$(PREFIX)/share/ticker/po
	cp -R $(BUILD)/locale $(DESTDIR)$(PREFIX)/share/ticker/
	chmod -R u=rwX,go=rX $(DESTDIR)$(PREFIX)/share/ticker

clean:
	rm -rf build

# The formatter is the authority: every C file must be exactly what clang-format makes of it.
FMT_FILES = $(wildcard src/*.c src/*.h tests/*.c tests/*.h)
.PHONY: format format-check
format:
	clang-format -i $(FMT_FILES)
format-check:
	@clang-format --dry-run --Werror $(FMT_FILES) && echo "format: $(words $(FMT_FILES)) files clean"

# ===== firmware (issue 6): make deb / image / e2e =====================================
#   make deb [TARGET=arm64|armhf]  build/<target>/lobby-ticker_<version>_<arch>.deb (dpkg-deb)
#   make image [BOARD=rpi]         build/ticker-rpi-arm64.img.xz (+ .bmap, .sha256): the SD card image
#   make e2e                       boot that image under qemu-system-aarch64 and test it end to end
DEB       := $(BUILD)/lobby-ticker_$(VERSION)_$(DEB_ARCH).deb
FW_FILES  := $(shell find firmware assets -type f 2>/dev/null) README.md
E2E_ARGS  ?=
.PHONY: deb image e2e deps-deb deps-e2e
# Packaging needs only dpkg's tools; the QEMU/image toolset is the e2e set's.
deps-deb:
	@sh toolchain/deps.sh $(TARGET) build tools deb $(if $(filter-out host,$(TARGET)),cross)
deps-e2e:
	@sh toolchain/deps.sh $(TARGET) build tools deb e2e $(if $(filter-out host,$(TARGET)),cross)
deb: deps-deb
	@$(MAKE) --no-print-directory $(DEB)
$(DEB): $(BUILD)/ticker $(MOS) $(FW_FILES)
	$(Q)sh firmware/mkdeb.sh $(BUILD)/ticker $(DEB_ARCH) $(VERSION) $@ "$(RUN_TEST)"
# The image and the end-to-end test are arm64: BOARD=rpi (the only board) is the
# Raspberry Pi 3/4/400/CM4/Zero 2 W SD card image; e2e boots that same image.
BOARD ?= rpi
IMG   := build/ticker-$(BOARD)-arm64.img
# image-raw: the uncompressed image and its structure tests (what e2e boots);
# image: that, compressed for flashing, with its block map and checksum.
.PHONY: image-raw
image-raw: deps-e2e
	@test "$(BOARD)" = rpi || { echo "make image: BOARD=rpi is the only board" >&2; exit 2; }
	@$(MAKE) --no-print-directory TARGET=arm64 deb
	sh firmware/image/mkimage.sh build/arm64/lobby-ticker_$(VERSION)_arm64.deb build/image-arm64
	sh tests/image/check-image.sh build/image-arm64/ticker-rpi-arm64.img
image: image-raw
	sh firmware/image/publish.sh build/image-arm64/ticker-rpi-arm64.img $(IMG)
# Check 5 (software update) needs the host ticker (keygen, sign) and a second arm64 build
# that reports another version: the image's objects, rebuilt only where they embed it.
E2E_UPD := build/arm64-e2e-update
.PHONY: e2e-update-bin
e2e-update-bin:
	rm -rf $(E2E_UPD) && mkdir -p $(E2E_UPD) && cp -a build/arm64/obj $(E2E_UPD)/
	rm -f $(patsubst src/%.c,$(E2E_UPD)/obj/%.o,$(shell grep -l TK_VERSION src/*.c))
	@$(MAKE) --no-print-directory TARGET=arm64 VERSION=0.1.1 BUILD=$(E2E_UPD) $(E2E_UPD)/ticker
e2e: image-raw
	@$(MAKE) --no-print-directory TARGET=host build/host/ticker
	@$(MAKE) --no-print-directory e2e-update-bin
	python3 tests/e2e/run.py --image build/image-arm64/ticker-rpi-arm64.img --out build/e2e \
		--host-ticker build/host/ticker --update-bin $(E2E_UPD)/ticker $(E2E_ARGS)
# ===== end firmware ====================================================================

-include $(OBJS:.o=.d) $(wildcard $(BUILD)/tests/obj/*.d)
