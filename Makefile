# Lots — build, run and test.
#
#   make            build build/release/lots
#   make run        install what is missing, build, create the demo database, serve
#   make test       install what is missing, then every test: unit (cmocka), HTTP and
#                   browser, once with a normal build and once under ASan+UBSan
#   make fuzz       libFuzzer targets for the parsers of outside input (mk/fuzz.mk)
#   make bench      benchmarks with their figures (mk/bench.mk, bench/README.md)
#   make SAN=1 ...  the same targets with the sanitizer build (build/asan)

SAN ?= 0
ifeq ($(SAN),1)
BUILD ?= build/asan
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT = -O1
else
BUILD ?= build/release
SANFLAGS =
OPT = -O2
endif

PKGS = sqlite3 libmicrohttpd jansson libsodium yaml-0.1 xlsxwriter
CC ?= cc
CFLAGS_ALL = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 \
             -Wno-format-nonliteral -g $(OPT) $(SANFLAGS) -Isrc -I$(BUILD)/gen \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LDLIBS_ALL = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm $(LDLIBS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

SRC := $(shell find src -name '*.c' ! -name main.c | sort)
OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRC))
GEN_SRC := $(BUILD)/gen/embedded_processes.c $(BUILD)/gen/embedded_migrations.c \
           $(BUILD)/gen/embedded_assets.c $(BUILD)/gen/embedded_rules.c
GEN_OBJ := $(GEN_SRC:.c=.o)
PROCESS_FILES := $(sort $(wildcard processes/*.yaml))
RULE_FILES := $(sort $(wildcard rules/*.yaml))
MIGRATION_FILES := $(sort $(wildcard migrations/*.sql))
ASSET_FILES := $(sort $(wildcard assets/*))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
LIB := $(BUILD)/liblots.a
LOTS := $(BUILD)/lots

.PHONY: all run test deps unit http browser test-one lint clean demo-reset
all: $(LOTS)

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -o $@ $<

$(BUILD)/gen/embedded_processes.c: $(BUILD)/tools/embed $(PROCESS_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_processes $@ $(PROCESS_FILES)
$(BUILD)/gen/embedded_rules.c: $(BUILD)/tools/embed $(RULE_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_rules $@ $(RULE_FILES)
$(BUILD)/gen/embedded_migrations.c: $(BUILD)/tools/embed $(MIGRATION_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_migrations $@ $(MIGRATION_FILES)
$(BUILD)/gen/embedded_assets.c: $(BUILD)/tools/embed $(ASSET_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed embedded_assets $@ $(ASSET_FILES)

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(LIB): $(OBJ) $(GEN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(LOTS): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL) -lcmocka

-include $(OBJ:.o=.d) $(BUILD)/obj/main.d

# --- running -------------------------------------------------------------
DEMO_DB ?= var/demo.db
LISTEN ?= 127.0.0.1:8080
deps:
	@scripts/install-deps

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-demo $(LOTS) $(DEMO_DB) $(LISTEN)

demo-reset:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# --- tests -----------------------------------------------------------------
# `make test` is what README and .ci/run call: everything, normal and sanitized,
# and a short fuzzing run of every parser of outside input.
test: deps
	@$(MAKE) --no-print-directory -j2 test-one SAN=0
	@$(MAKE) --no-print-directory -j2 fuzz SAN=0 FUZZ_SECONDS=5
	@$(MAKE) --no-print-directory -j2 test-one SAN=1

BROWSER ?= 1
test-one: $(LOTS) $(UNIT_BIN)
	@scripts/run-tests $(BUILD) $(BROWSER)

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do $$t || exit 1; done

http: $(LOTS)
	node --test tests/http/

browser: $(LOTS)
	LOTS_BIN=$(LOTS) node tests/browser/run.mjs

clean:
	rm -rf build

include mk/fuzz.mk
include mk/bench.mk
