# libldrt: one Makefile, GNU make, no generator.
#
#   make                 lib/libldrt.a, lib/libldrt.so.X.Y.Z and its links, bin/ldrt
#   make check           C test suites, Python binding tests, examples
#   make demo            the bundled case, end to end
#   make install         PREFIX=/usr/local DESTDIR= LIBDIR= INCLUDEDIR= BINDIR= MANDIR=
#   make deb             Debian packages in build/deb (libldrt0, libldrt-dev, ldrt, python3-ldrt)
#   make docs            Doxygen HTML in doc/html (warnings are errors)
#   make sanitize        the test suites under -fsanitize=address,undefined
#   make valgrind        the test suites under memcheck (no error, no leak)
#   make abi-check       the ABI against the committed baseline, and the symbol check
#   make bench           benchmarks (ratios to a reference measured in the same run)
#   make fuzz            libFuzzer harnesses in tests/fuzz (clang), FUZZ_SECONDS each
#   make tsan            the threads test under ThreadSanitizer
#   make soak            the kill-during-save test with SOAK_KILLS kills, and the
#                        command with one allocation failing at every index
#   make V=1 ...         show the commands
#
# Sources are found by wildcard: a new file in src/<module>/, tests/check_*.c,
# examples/*.c or bench/*.c needs no edit here. Exported symbols are listed in
# src/libldrt.map.

.DEFAULT_GOAL := all
SHELL := /bin/sh
comma := ,

VERSION_MAJOR := $(shell sed -n 's/^\#define LDRT_VERSION_MAJOR  *//p' include/ldrt/common.h)
VERSION_MINOR := $(shell sed -n 's/^\#define LDRT_VERSION_MINOR  *//p' include/ldrt/common.h)
VERSION_PATCH := $(shell sed -n 's/^\#define LDRT_VERSION_PATCH  *//p' include/ldrt/common.h)
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

# --- install locations (GNU conventions) --------------------------------------
PREFIX ?= /usr/local
EXEC_PREFIX ?= $(PREFIX)
LIBDIR ?= $(EXEC_PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(EXEC_PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=
# The installed bin/ldrt finds the library through a RUNPATH relative to
# itself: $$ORIGIN/../lib in the default layout, in general $$ORIGIN followed
# by the path from BINDIR to LIBDIR. Relative rather than the absolute
# LIBDIR, so that a DESTDIR staging copy or a prefix moved elsewhere runs its
# own library (never an older one from the final location), and no
# LD_LIBRARY_PATH is needed even where ldconfig does not look. RUNPATH= (the
# Debian packages) links without one.
RUNPATH ?= $$ORIGIN/$(shell realpath -m --relative-to='$(BINDIR)' '$(LIBDIR)')
# Where the dynamic loader's cache is configured (for the ldconfig hint).
LD_SO_CONF ?= /etc/ld.so.conf

# --- output locations ----------------------------------------------------------
# O is the output root: lib/, bin/ and build/ go below it. `make sanitize`
# builds a second, instrumented tree under build/sanitize.
O ?= .
LIBOUT := $(O)/lib
BINOUT := $(O)/bin
OBJDIR := $(O)/build/obj
TESTOUT := $(O)/build/tests
EXOUT := $(O)/build/examples
BENCHOUT := $(O)/build/bench

SONAME := libldrt.so.$(VERSION_MAJOR)
SHARED := $(LIBOUT)/libldrt.so.$(VERSION)
STATIC := $(LIBOUT)/libldrt.a

# --- tools and flags --------------------------------------------------------------
CC ?= cc
AR ?= ar
PKG_CONFIG ?= pkg-config
# The Python tests run with the first python3 that has numpy (the pyenv or
# PATH one, then Debian's), so the array tests are not skipped.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3 /usr/bin/python3; do \
    $$p -c 'import numpy' >/dev/null 2>&1 && { command -v $$p; exit 0; }; done; echo python3)
endif
CFLAGS ?= -O2 -g
WERROR ?= -Werror
WARNINGS := -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wvla
SANFLAGS ?=
JANSSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS = $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck)

# The library and its tests see both tiers of the API: the experimental
# declarations (doc/guides/abi.md) are behind LDRT_EXPERIMENTAL_API.
LIB_CPPFLAGS := -Iinclude -Isrc/common -DLDRT_BUILDING -DLDRT_EXPERIMENTAL_API -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
LIB_CFLAGS = -std=c11 -fPIC -fvisibility=hidden $(WARNINGS) $(CFLAGS) $(SANFLAGS) $(JANSSON_CFLAGS)
LIB_LIBS = $(JANSSON_LIBS) -lm -lpthread
APP_CFLAGS = -std=c11 $(WARNINGS) $(CFLAGS) $(SANFLAGS) -Iinclude -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)

ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-8s %s\n' $(1) $(2)
endif

LIB_SRCS := $(sort $(wildcard src/*/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(OBJDIR)/%.o)
TOOL_SRCS := $(sort $(wildcard tools/*.c))
TESTS := $(patsubst tests/%.c,$(TESTOUT)/%,$(sort $(wildcard tests/check_*.c)))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))
EXAMPLES := $(patsubst examples/%.c,$(EXOUT)/%,$(filter-out examples/hospital_integration.c,$(sort $(wildcard examples/*.c))))
BENCHES := $(patsubst bench/%.c,$(BENCHOUT)/%,$(sort $(wildcard bench/*.c)))
HEADERS := $(sort $(wildcard include/*.h include/ldrt/*.h))

.PHONY: all lib deps deps-check deps-docs deps-abi check test-c test-python test-dicom test-cohort test-examples test-fhir \
        test-readme demo install uninstall docs sanitize valgrind abi-check abi-baseline \
        check-symbols bench clean pc fuzz tsan soak deb test-python-types

all: deps lib $(BINOUT)/ldrt

lib: $(STATIC) $(SHARED) $(LIBOUT)/$(SONAME) $(LIBOUT)/libldrt.so pc

# --- prerequisites (installed with apt-get when possible, see tools/deps.sh) ----
deps:
	@sh tools/deps.sh build
deps-check: deps
	@sh tools/deps.sh check
	@sh tools/deps.sh numpy || echo "numpy is missing: the binding's array tests will be skipped"
deps-docs:
	@sh tools/deps.sh docs
deps-abi:
	@sh tools/deps.sh abi

# --- the library ----------------------------------------------------------------
$(OBJDIR)/%.o: %.c $(HEADERS) $(wildcard src/*/*.h) | deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(LIB_CPPFLAGS) $(LIB_CFLAGS) -c $< -o $@

# Two hot loops are built at -O3 (after CFLAGS, so it wins), each measured
# against -O2 with identical outputs: the cohort engine, whose fused shape
# check is 0.83-0.89x the time at -O3 and no faster at -O2
# (doc/guides/response.md), and the mask DVH, 0.89-0.91x the time
# (doc/guides/dose.md).
$(OBJDIR)/src/response/recist.o $(OBJDIR)/src/dose/dvh.o: LIB_CFLAGS += -O3

$(STATIC): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(SHARED): $(LIB_OBJS) src/libldrt.map
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) -shared $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Wl,-soname,$(SONAME) \
	    -Wl,--version-script,src/libldrt.map -Wl,--no-undefined \
	    -o $@ $(LIB_OBJS) $(LIB_LIBS)

$(LIBOUT)/$(SONAME): $(SHARED)
	$(Q)ln -sf $(notdir $<) $@
$(LIBOUT)/libldrt.so: $(LIBOUT)/$(SONAME)
	$(Q)ln -sf $(notdir $<) $@

# libldrt.pc is made on every build, so it always names this PREFIX.
pc:
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    libldrt.pc.in > libldrt.pc.tmp && mv libldrt.pc.tmp libldrt.pc

# --- the ldrt command (public API only, linked against the shared library) ----
$(BINOUT)/ldrt: $(TOOL_SRCS) $(wildcard tools/*.h) $(HEADERS) $(LIBOUT)/libldrt.so
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(APP_CFLAGS) $(JANSSON_CFLAGS) $(LDFLAGS) -o $@ $(TOOL_SRCS) -L$(LIBOUT) -lldrt $(JANSSON_LIBS) -lm \
	    -Wl,-rpath,'$$ORIGIN/../lib'

# --- tests ------------------------------------------------------------------------
# Test programs link the static library, so they can reach internal helpers.
$(TESTOUT)/%: tests/%.c $(TEST_SUPPORT) $(wildcard tests/support/*.h) $(STATIC) | deps-check
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(APP_CFLAGS) -DLDRT_TEST_WITH_JANSSON -DLDRT_EXPERIMENTAL_API $(JANSSON_CFLAGS) -Isrc/common -Itests/support $(CHECK_CFLAGS) -o $@ $< \
	    $(TEST_EXTRA) $(TEST_SUPPORT) $(STATIC) $(CHECK_LIBS) $(LIB_LIBS)

# check_cli_alloc runs the ldrt command in process: the tool sources compiled
# with main renamed ldrt_tool_main (as the fuzz_cli harnesses are).
TOOL_INPROC_OBJS := $(TOOL_SRCS:tools/%.c=$(OBJDIR)/tools-inproc/%.o)
$(OBJDIR)/tools-inproc/%.o: tools/%.c $(wildcard tools/*.h) $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(APP_CFLAGS) -Wno-missing-prototypes $(JANSSON_CFLAGS) -Dmain=ldrt_tool_main -c $< -o $@
$(TESTOUT)/check_cli_alloc: $(TOOL_INPROC_OBJS)
$(TESTOUT)/check_cli_alloc: TEST_EXTRA = $(TOOL_INPROC_OBJS)

check: all deps-check
	@$(MAKE) --no-print-directory test-c
	@$(MAKE) --no-print-directory test-python
	@$(MAKE) --no-print-directory test-dicom
	@$(MAKE) --no-print-directory test-cohort
	@$(MAKE) --no-print-directory test-fhir
	@$(MAKE) --no-print-directory test-examples
	@$(MAKE) --no-print-directory test-readme
	@echo "make check: all passed"

# Each suite prints Check's summary line; the first failing suite stops make.
test-c: $(TESTS) $(BINOUT)/ldrt
	@set -e; for t in $(TESTS); do \
	    LDRT_TEST_DATA=tests/data LDRT_EXAMPLES=examples/data LDRT_BIN=$(BINOUT)/ldrt $$t; done

# ldrt.dicom needs numpy, pydicom and pandas (Debian packages, for Debian's
# python3): its tests run with $(PYTHON) when it has them, else /usr/bin/python3.
DICOM_PYTHON = $(shell $(PYTHON) -c 'import numpy, pydicom, pandas, dicompylercore' \
    >/dev/null 2>&1 && echo $(PYTHON) || echo /usr/bin/python3)
test-dicom: lib
	@sh tools/deps.sh dicom
	@LDRT_LIBRARY=$(CURDIR)/$(LIBOUT)/libldrt.so PYTHONPATH=$(CURDIR)/python \
	    $(DICOM_PYTHON) -W ignore::UserWarning -m unittest python/tests/test_dicom.py

# ldrt.cohort needs pandas, and its Dask tests dask and distributed (Debian
# packages, for Debian's python3): run with $(PYTHON) when it has them, else
# /usr/bin/python3. Without them the tests skip, saying what is missing.
COHORT_PYTHON = $(shell $(PYTHON) -c 'import numpy, pandas, dask.dataframe, distributed' \
    >/dev/null 2>&1 && echo $(PYTHON) || echo /usr/bin/python3)
test-cohort: lib
	@sh tools/deps.sh cohort || echo "test-cohort: pandas/Dask could not be installed; their tests skip"
	@LDRT_TEST_DATA=tests/data LDRT_LIBRARY=$(CURDIR)/$(LIBOUT)/libldrt.so PYTHONPATH=$(CURDIR)/python \
	    $(COHORT_PYTHON) -W ignore::DeprecationWarning -m unittest python/tests/test_cohort.py

# The FHIR bundles, validated offline by the FHIR R4 JSON schema and FHIR.js
# (npm packages pinned in tests/fhir/package-lock.json, installed into
# build/fhir-node when missing) and by the table of mCODE required elements.
test-fhir: all
	@sh tools/deps.sh fhir
	@sh tests/fhir/run.sh $(BINOUT)/ldrt $(O)/build/fhir-node $(O)/build/fhir

test-python: lib
	@if [ -d python/tests ]; then \
	    $(PYTHON) -c 'import sys; print("test-python:", sys.executable, sys.version.split()[0], end=" ")'; \
	    $(PYTHON) -c 'import numpy; print("with numpy", numpy.__version__)' 2>/dev/null || echo "without numpy"; \
	    LDRT_LIBRARY=$(CURDIR)/$(LIBOUT)/libldrt.so PYTHONPATH=$(CURDIR)/python \
	    $(PYTHON) -m unittest discover -s python/tests; \
	else echo "test-python: no Python tests yet"; fi
	@$(MAKE) --no-print-directory test-python-types

# The binding's type hints: mypy --strict over the ldrt package (Debian's
# python3-mypy, installed by tools/deps.sh when missing). A python3 without
# mypy (a virtualenv) falls back to the system's.
test-python-types:
	@sh tools/deps.sh mypy numpy dicom
	@py=$(PYTHON); $$py -c 'import mypy' >/dev/null 2>&1 || py=/usr/bin/python3; \
	    cd python && $$py -m mypy --strict --cache-dir $(abspath $(O)/build/mypy) -p ldrt

$(EXOUT)/%: examples/%.c $(HEADERS) $(LIBOUT)/libldrt.so
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(APP_CFLAGS) -o $@ $< -L$(LIBOUT) -lldrt -lm -Wl,-rpath,'$(CURDIR)/$(LIBOUT)'

test-examples: $(EXAMPLES)
	@set -e; for e in $(EXAMPLES); do \
	    echo "example $$e"; (cd examples && ../$$e > /dev/null); done
	@if [ -f examples/hospital_integration.c ]; then sh tests/install-test.sh examples/hospital_integration.c; fi

test-readme: all
	@$(PYTHON) tests/readme_snippets.py

demo: all
	@if [ -f examples/case_report.c ]; then \
	    $(MAKE) --no-print-directory $(EXOUT)/case_report && cd examples && ../$(EXOUT)/case_report; \
	else \
	    $(BINOUT)/ldrt version; \
	fi

# --- sanitizers and valgrind --------------------------------------------------------
# The instrumented command runs several times slower: Check's per-test time
# limits are stretched (CK_TIMEOUT_MULTIPLIER) rather than raised in each suite.
sanitize: deps-check
	@CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER:-4} $(MAKE) --no-print-directory O=build/sanitize \
	    SANFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	    CFLAGS='-O1 -g' test-c
	@echo "make sanitize: all passed"

# VALGRIND_TESTS picks suites (CI runs check_alloc: ASan does not see inside jansson).
VALGRIND_TESTS ?= $(TESTS)
valgrind: deps-check
	@sh tools/deps.sh valgrind
	@$(MAKE) --no-print-directory $(VALGRIND_TESTS) $(BINOUT)/ldrt
	@set -e; for t in $(VALGRIND_TESTS); do echo "valgrind $$t"; \
	    LDRT_TEST_DATA=tests/data LDRT_EXAMPLES=examples/data CK_FORK=no LDRT_BIN=$(BINOUT)/ldrt \
	    valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
	        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 $$t; done
	@echo "make valgrind: no errors, no leaks"

# --- threads under ThreadSanitizer --------------------------------------------------------
# tests/check_threads.c (8 threads: own patients loaded, assessed, reported,
# saved and dosed; shared ones read) built with -fsanitize=thread; any report fails.
tsan: deps-check
	@$(MAKE) --no-print-directory O=build/tsan SANFLAGS='-fsanitize=thread' \
	    CFLAGS='-O1 -g' build/tsan/build/tests/check_threads
	@LDRT_TEST_DATA=tests/data LDRT_EXAMPLES=examples/data CK_FORK=no \
	    TSAN_OPTIONS='halt_on_error=1 exitcode=66' build/tsan/build/tests/check_threads
	@echo "make tsan: no ThreadSanitizer report"

# --- soak: the long runs of two tests ------------------------------------------------------
# The kill-during-save test at length (make check runs 60 kills), and the
# ldrt command with one allocation failing at every index, not every 17th
# as in make check (SOAK_ALLOC_STRIDE).
SOAK_KILLS ?= 2000
SOAK_ALLOC_STRIDE ?= 1
soak: $(TESTOUT)/check_killsave $(TESTOUT)/check_cli_alloc
	@LDRT_TEST_DATA=tests/data LDRT_EXAMPLES=examples/data LDRT_KILL_ROUNDS=$(SOAK_KILLS) \
	    $(TESTOUT)/check_killsave
	@LDRT_TEST_DATA=tests/data LDRT_EXAMPLES=examples/data LDRT_CLI_ALLOC_STRIDE=$(SOAK_ALLOC_STRIDE) \
	    CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER:-4} $(TESTOUT)/check_cli_alloc

# --- fuzzing (libFuzzer; clang) ------------------------------------------------------
# Each tests/fuzz/fuzz_*.c is a libFuzzer harness; it runs FUZZ_SECONDS seconds
# from its corpus in tests/fuzz/corpus/<name>/ (new inputs go to build/fuzz/).
# The fuzz_cli* harnesses run the ldrt command in process: they are built with
# the tool sources, main renamed ldrt_tool_main.
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all

fuzz:
	@sh tools/deps.sh build fuzz
	@$(MAKE) --no-print-directory O=build/fuzz CC=clang CFLAGS='-O1 -g' \
	    SANFLAGS='-fsanitize=fuzzer-no-link $(FUZZ_SAN)' build/fuzz/lib/libldrt.a
	@set -e; for f in $(sort $(wildcard tests/fuzz/fuzz_*.c)); do \
	    n=$$(basename $$f .c); mkdir -p build/fuzz/new/$$n; \
	    case $$n in fuzz_cli*) tool='-Dmain=ldrt_tool_main -Itools $(TOOL_SRCS)';; *) tool=;; esac; \
	    clang -std=c11 -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) -Iinclude -Isrc/common -D_POSIX_C_SOURCE=200809L \
	        -o build/fuzz/$$n $$f $$tool build/fuzz/lib/libldrt.a $(LIB_LIBS); \
	    printf 'fuzz %s for %s s: ' $$n $(FUZZ_SECONDS); \
	    if build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/ build/fuzz/new/$$n tests/fuzz/corpus/$$n \
	        > build/fuzz/$$n.log 2>&1; then \
	        sed -n 's/^stat::number_of_executed_units: */runs /p' build/fuzz/$$n.log; \
	    else echo FAILED; tail -n 40 build/fuzz/$$n.log; exit 1; fi; done

# --- ABI ------------------------------------------------------------------------------
ABI_BASELINE := abi/libldrt.so.$(VERSION_MAJOR).abi

check-symbols: lib
	@sh abi/check-symbols.sh $(LIBOUT)/libldrt.so src/libldrt.map include

# Functions of src/ over 100 lines (abi/long-functions.sh): the count may only go down.
LONG_FUNCTIONS_ALLOWED := 0
abi-check: deps-abi check-symbols
	@sh abi/check-names.sh include
	@sh abi/abi-check.sh $(ABI_BASELINE) $(LIBOUT)/libldrt.so include
	@sh abi/long-functions.sh 100 $(LONG_FUNCTIONS_ALLOWED) src

# Regenerate the baseline after adding symbols (never to hide a break: see abi/CHANGES.md).
abi-baseline: deps-abi lib
	abidw --headers-dir include --no-corpus-path --drop-undefined-syms \
	    --out-file $(ABI_BASELINE) $(LIBOUT)/libldrt.so
	sed -i "s| comp-dir-path='[^']*'||" $(ABI_BASELINE)

# --- docs -------------------------------------------------------------------------------
docs: deps-docs
	@rm -rf doc/html
	@cd doc && doxygen Doxyfile
	@echo "make docs: doc/html/index.html"

# --- benchmarks --------------------------------------------------------------------------
$(BENCHOUT)/%: bench/%.c $(HEADERS) $(STATIC)
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(APP_CFLAGS) -O3 -Isrc/common -o $@ $< $(STATIC) $(LIB_LIBS)

bench: all $(BENCHES)
	@sh tools/deps.sh numpy || echo "bench: numpy missing; the numpy comparisons are skipped"
	@set -e; for b in $(BENCHES); do $$b; done
	@if [ -f bench/bench.py ]; then sh bench/run-python.sh; fi
	@sh tools/deps.sh cohort || echo "bench: pandas/Dask missing; bench_cohort is skipped"
	@COHORT_SUBJECTS=$${COHORT_SUBJECTS:-1000000} LDRT_LIBRARY=$(CURDIR)/$(LIBOUT)/libldrt.so \
	    PYTHONPATH=$(CURDIR)/python $(COHORT_PYTHON) -W ignore bench/bench_cohort.py

# --- install -------------------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/ldrt $(DESTDIR)$(PKGCONFIGDIR) \
	    $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 644 include/ldrt.h $(DESTDIR)$(INCLUDEDIR)/ldrt.h
	install -m 644 include/ldrt/*.h $(DESTDIR)$(INCLUDEDIR)/ldrt/
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libldrt.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libldrt.so.$(VERSION)
	ln -sf libldrt.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libldrt.so
	install -m 644 libldrt.pc $(DESTDIR)$(PKGCONFIGDIR)/libldrt.pc
	$(CC) $(APP_CFLAGS) $(JANSSON_CFLAGS) $(LDFLAGS) -o $(BINOUT)/ldrt.install $(TOOL_SRCS) -L$(LIBOUT) -lldrt $(JANSSON_LIBS) -lm \
	    $(if $(RUNPATH),-Wl$(comma)--enable-new-dtags$(comma)-rpath$(comma)'$(RUNPATH)')
	install -m 755 $(BINOUT)/ldrt.install $(DESTDIR)$(BINDIR)/ldrt
	rm -f $(BINOUT)/ldrt.install
	@if [ -f doc/ldrt.1 ]; then install -m 644 doc/ldrt.1 $(DESTDIR)$(MANDIR)/man1/ldrt.1; fi
	@sh tools/ldconfig-hint.sh '$(DESTDIR)' '$(LIBDIR)' '$(LD_SO_CONF)'

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libldrt.a $(DESTDIR)$(LIBDIR)/libldrt.so \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libldrt.so.$(VERSION) \
	    $(DESTDIR)$(PKGCONFIGDIR)/libldrt.pc $(DESTDIR)$(BINDIR)/ldrt \
	    $(DESTDIR)$(MANDIR)/man1/ldrt.1 $(DESTDIR)$(INCLUDEDIR)/ldrt.h
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ldrt

# --- Debian packages -------------------------------------------------------------------
# Builds libldrt0, libldrt-dev, ldrt and python3-ldrt from a copy of the tree
# in build/deb (dpkg-buildpackage writes next to the source directory), so
# the .deb files land in build/deb/. DEB_BUILD_OPTIONS=nocheck skips the tests.
deb:
	@sh tools/deps.sh build check deb
	@rm -rf build/deb && mkdir -p build/deb/ldrt-$(VERSION)
	@tar -cf - --exclude=./build --exclude=./lib --exclude=./bin --exclude=./.git \
	    --exclude=__pycache__ --exclude=./doc/html --exclude=./libldrt.pc . \
	    | tar -xf - -C build/deb/ldrt-$(VERSION)
	cd build/deb/ldrt-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error build/deb/*.changes
	@ls build/deb/*.deb

clean:
	rm -rf lib bin build doc/html libldrt.pc libldrt.pc.tmp
