# libx12 - the committed top-level Makefile for a git checkout.
#
#   make demo    install missing build dependencies (Debian, as root), bootstrap
#                autotools, configure in ./build, build, and run the demo
#   make check   the same set-up, then the whole test suite
#
# Autotools does the real work: this file runs autoreconf, configures in a
# build directory ($(BUILD), default ./build) and forwards targets there, so
# the generated makefiles never overwrite this one.  In a release tarball
# there is no such wrapper: use ./configure && make && make check.
#
# Debian packages: `make deb` builds libx12-0, libx12-dev, x12-tools and
# python3-libx12 from a clean export of HEAD into $(DEB_DIR) (default
# build-deb/); `make deb-symbols` also rewrites debian/libx12-0.symbols from
# the library built (scripts/make-deb.sh says how it works).
#
# Other targets: all, install, distcheck, bench (reader) and bench-NAME (the
# other benchmarks in bench/, listed in the README: bench-remit, bench-remit-out,
# bench-claim837, bench-validate, bench-split, bench-claimread,
# bench-build, bench-tables, bench-recon, ...), check-asan
# (the suite under AddressSanitizer + UndefinedBehaviorSanitizer in
# ./build-asan, configured --enable-debug so X12_ASSERT checks too),
# check-valgrind, abi-baseline (rewrites abi/libx12.so.0.abi, see
# doc/ABI.md), fuzz, fuzz-run (FUZZ_SECONDS=N per harness), fuzz-tsan,
# deps, clean, distclean.

BUILD ?= build
ASAN_BUILD ?= build-asan
CONFIGURE_FLAGS ?= --enable-werror
SAN_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all demo check check-asan check-valgrind install distcheck deb deb-symbols bench \
	abi-baseline fuzz fuzz-run fuzz-tsan deps bootstrap clean distclean

all: $(BUILD)/config.status
	$(MAKE) -C $(BUILD)

demo: $(BUILD)/config.status
	$(MAKE) -C $(BUILD) demo

# Results of an earlier run are removed first: a test that no longer exists
# (renamed or split) would otherwise still be counted by test-summary.sh.
check: $(BUILD)/config.status
	@find $(BUILD)/tests -name '*.trs' -exec sh -c 'rm -f "$$1" "$${1%.trs}.log"' _ {} \; 2>/dev/null; \
	rc=0; $(MAKE) -C $(BUILD) check || rc=$$?; \
	sh scripts/test-summary.sh $(BUILD); exit $$rc

check-asan: $(ASAN_BUILD)/config.status
	@find $(ASAN_BUILD)/tests -name '*.trs' -exec sh -c 'rm -f "$$1" "$${1%.trs}.log"' _ {} \; 2>/dev/null; \
	rc=0; ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(MAKE) -C $(ASAN_BUILD) check || rc=$$?; \
	sh scripts/test-summary.sh $(ASAN_BUILD); exit $$rc

check-valgrind: $(BUILD)/config.status
	$(MAKE) -C $(BUILD) check-valgrind-local

install distcheck bench: $(BUILD)/config.status
	$(MAKE) -C $(BUILD) $@

# abi/libx12.so.0.abi rewritten from the library built in $(BUILD) (abidw,
# Debian's abigail-tools): doc/ABI.md says when.
abi-baseline: $(BUILD)/config.status
	$(MAKE) -C $(BUILD) $@

# Every benchmark target of the build directory (bench/*: never tests).
bench-%: $(BUILD)/config.status
	$(MAKE) -C $(BUILD) $@

# Debian packages (scripts/make-deb.sh): never touches the working tree
# except DEB_DIR, and debian/libx12-0.symbols with deb-symbols.
DEB_DIR ?= build-deb
deb:
	@sh scripts/make-deb.sh $(DEB_DIR)
deb-symbols:
	@sh scripts/make-deb.sh --symbols $(DEB_DIR)

# libFuzzer harnesses and the ThreadSanitizer build (clang; see fuzz/run.sh).
FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) -f fuzz/Makefile.fuzz
fuzz-run:
	sh fuzz/run.sh $(FUZZ_SECONDS)
fuzz-tsan:
	$(MAKE) -f fuzz/Makefile.fuzz tsan

deps:
	@sh scripts/ensure-deps.sh

configure: configure.ac Makefile.am
	@sh scripts/ensure-deps.sh
	autoreconf -fi

bootstrap: configure

$(BUILD)/config.status: configure
	mkdir -p $(BUILD)
	cd $(BUILD) && ../configure $(CONFIGURE_FLAGS)

$(ASAN_BUILD)/config.status: configure
	mkdir -p $(ASAN_BUILD)
	cd $(ASAN_BUILD) && ../configure --disable-shared --enable-debug CFLAGS="$(SAN_CFLAGS)" LDFLAGS="-fsanitize=address,undefined"

clean:
	-test -d $(BUILD) && $(MAKE) -C $(BUILD) clean
	-test -d $(ASAN_BUILD) && $(MAKE) -C $(ASAN_BUILD) clean

distclean:
	rm -rf $(BUILD) $(ASAN_BUILD) autom4te.cache
	rm -f configure aclocal.m4 config.h.in config.h.in~ Makefile.in
	cd build-aux && rm -f ar-lib compile config.guess config.sub depcomp install-sh ltmain.sh missing test-driver
	cd m4 && rm -f libtool.m4 ltoptions.m4 ltsugar.m4 ltversion.m4 lt~obsolete.m4
