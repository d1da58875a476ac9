# brink: the only build entry. `make` builds build/brink.
#
# Knobs: CC=gcc|clang, SAN=1 (ASan+UBSan into build/san), DEBUG=1 (-O0).
# Each src/<module> becomes build/lib/libbk_<module>.a; a unit test in
# tests/unit/<module>/ links its module and the modules below it, so one
# module's half-finished file does not stop another module's tests.

.DEFAULT_GOAL := all
.SECONDEXPANSION:
# Plain builds default to gcc; SAN builds to clang, so that `make test` and
# `make test SAN=1` (what CI runs) cover both compilers with -Werror.
ifeq ($(origin CC),default)
ifneq ($(SAN),)
CC := clang
else
CC := gcc
endif
endif

ifneq ($(SAN),)
BUILD ?= build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
else ifneq ($(findstring clang,$(CC)),)
BUILD ?= build/clang
else
BUILD ?= build
endif

OPT := -O2
ifneq ($(DEBUG),)
OPT := -O0
endif
# gcc on x86-64 turns fixed-size memsets of 64-256 bytes (object headers,
# run results) into `rep stos`, whose start-up cost is most of the store at
# these sizes: plain stores are ~5% of a CloudFront function run
# (bench/engine cff cell). clang already does so.
ifeq ($(findstring clang,$(CC)),)
ifeq ($(shell uname -m),x86_64)
OPT += -mmemset-strategy=unrolled_loop:256:noalign,libcall:-1:noalign
endif
endif

WARN := -Wall -Wextra -Wshadow -Wno-unused-parameter -Werror
CFLAGS ?= $(OPT) -g
CFLAGS += -std=gnu11 -D_GNU_SOURCE $(WARN) $(SANFLAGS) -Isrc -MMD -MP \
          $(EXTRA_CFLAGS)
LDFLAGS += $(SANFLAGS)
LDLIBS := -luv -lpcre2-16 -lpcre2-8 -ljansson -lssl -lcrypto -lz -lbrotlienc \
          -lbrotlidec -lmaxminddb -lpthread -lm
# build/brink links Debian's static archives of the same libraries: the
# dynamic loader's relocations for them (libcrypto above all) took about
# 1 ms of every process start, and `brink test-function` runs in CI loops
# (issue 5: <= 5 ms per process). libc, libm and ICU (dlopen'ed on first
# need, src/js/unicode.c) stay shared. Tests link the shared ones.
BRINK_LDLIBS := -l:libuv_a.a -Wl,-Bstatic -lpcre2-16 -lpcre2-8 -ljansson \
          -lssl -lcrypto -lz -lbrotlienc -lbrotlidec -lbrotlicommon \
          -lmaxminddb -Wl,-Bdynamic -lpthread -lm -ldl

# Modules, highest first (link order). LIBDEPS_<m>: what m's tests link.
MODULES := edge lambda proxy obs config cache http js ev core
LIBDEPS_core := core
LIBDEPS_ev := ev core
LIBDEPS_js := js core
LIBDEPS_http := http core
LIBDEPS_cache := cache core
LIBDEPS_obs := obs core
LIBDEPS_config := config core
LIBDEPS_proxy := proxy http ev core
LIBDEPS_lambda := lambda ev core
LIBDEPS_edge := $(MODULES)
LIBDEPS_cli := $(MODULES)

libpath = $(BUILD)/lib/libbk_$(1).a
libs_of = $(foreach m,$(LIBDEPS_$(1)),$(if $(wildcard src/$(m)/*.c),$(call libpath,$(m))))

define MODULE_RULES
OBJS_$(1) := $$(patsubst src/%.c,$(BUILD)/obj/%.o,$$(wildcard src/$(1)/*.c))
$(call libpath,$(1)): $$(OBJS_$(1))
	@mkdir -p $$(@D)
	@rm -f $$@
	$$(AR) rcs $$@ $$^
endef
$(foreach m,$(MODULES),$(eval $(call MODULE_RULES,$(m))))

ALL_LIBS := $(call libs_of,cli)
CLI_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(wildcard src/cli/*.c))

.PHONY: all brink test test-unit test-js test-fuzz test-e2e test262 run \
        fuzz bench deps clean fmt check geo

all: brink
brink: $(BUILD)/brink

$(BUILD)/brink: $(CLI_OBJS) $(ALL_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(ALL_LIBS) $(BRINK_LDLIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# --- unit tests: tests/unit/<module>/test_*.c, one binary each -------------
UNIT_SRCS := $(wildcard tests/unit/*/test_*.c)
UNIT_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
unit_mod = $(word 3,$(subst /, ,$(1)))

$(BUILD)/tests/unit/%: tests/unit/%.c $$(call libs_of,$$(firstword $$(subst /, ,$$*)))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests -o $@ $< \
	    $(call libs_of,$(call unit_mod,$<)) -lcmocka $(LDFLAGS) $(LDLIBS)

# --- fuzz targets: fuzz/<target>.c; replayed over fuzz/corpus/<target> ----
FUZZ_SRCS := $(filter-out fuzz/replay_main.c,$(wildcard fuzz/*.c))
FUZZ_REPLAY := $(patsubst fuzz/%.c,$(BUILD)/fuzz-replay/%,$(FUZZ_SRCS))

# A target named <module>_<what> links <module> and what it depends on.
$(BUILD)/fuzz-replay/%: fuzz/%.c fuzz/replay_main.c $$(call libs_of,$$(firstword $$(subst _, ,$$*)))
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< fuzz/replay_main.c \
	    $(call libs_of,$(firstword $(subst _, ,$*))) $(LDFLAGS) $(LDLIBS)

FUZZ_CC := clang
FUZZ_BUILD := build/fuzz
fuzz: deps
	$(MAKE) BUILD=$(FUZZ_BUILD)/lib CC=$(FUZZ_CC) \
	    EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" \
	    LDFLAGS="-fsanitize=address,undefined" \
	    $(foreach m,$(MODULES),$(if $(wildcard src/$(m)/*.c),$(FUZZ_BUILD)/lib/lib/libbk_$(m).a))
	@mkdir -p $(FUZZ_BUILD)
	@for f in $(FUZZ_SRCS); do t=$$(basename $$f .c); \
	  echo "  FUZZ $$t"; \
	  $(FUZZ_CC) -O1 -g -std=gnu11 -D_GNU_SOURCE -Isrc \
	    -fsanitize=fuzzer,address,undefined -o $(FUZZ_BUILD)/$$t $$f \
	    $(foreach m,$(MODULES),$(if $(wildcard src/$(m)/*.c),$(FUZZ_BUILD)/lib/lib/libbk_$(m).a)) \
	    $(LDLIBS) || exit 1; done
	@echo "run: $(FUZZ_BUILD)/<target> fuzz/corpus/<target>"

# --- the suites ---------------------------------------------------------
deps:
	@scripts/deps.sh

test: deps
	@$(MAKE) --no-print-directory build-tests
	@BUILD=$(BUILD) tests/run

build-tests: $(BUILD)/brink $(UNIT_BINS) $(FUZZ_REPLAY)

test-unit test-js test-fuzz test-e2e: deps
	@$(MAKE) --no-print-directory build-tests
	@BUILD=$(BUILD) tests/run $(patsubst test-%,%,$@)

test262: brink
	tests/test262/run --brink $(BUILD)/brink $(TEST262_DIR)

run: deps
	@$(MAKE) --no-print-directory brink
	$(BUILD)/brink serve

check: test
	$(MAKE) test SAN=1

bench: deps
	@$(MAKE) --no-print-directory brink
	bench/run

geo:
	scripts/geo.sh

fmt:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c')

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(BUILD)/tests $(BUILD)/fuzz-replay -name '*.d' 2>/dev/null)
