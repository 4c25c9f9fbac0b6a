# mk/fuzz.mk — libFuzzer targets for every parser of outside input
# (tests/fuzz/fuzz_*.c; see tests/fuzz/README.md).
#
#   make fuzz                      build, then run each target for FUZZ_SECONDS
#   make fuzz FUZZ_SECONDS=600     a longer run
#   make fuzz FUZZ_TARGETS=form    only some targets
#   make fuzz-build                build only ($(BUILD)/fuzz/fuzz_*)
#
# Included from the Makefile (needs SRC, PKGS, GEN_SRC, BUILD from it); until
# then: make -f Makefile -f mk/fuzz.mk fuzz.
#
# All of src/ except main.c is compiled again with clang, instrumented for
# libFuzzer, ASan and UBSan, into one archive; each target links only what it
# uses from it. Every run works on a copy of tests/fuzz/corpus/<target>/ in a
# temporary directory, so the seed corpus in the repository stays as it is;
# the targets with a database (tests/fuzz/fuzz_db.h) keep it in another one,
# under /dev/shm when there is one, removed afterwards even after a crash.
# A crash leaves its input in $(BUILD)/fuzz/crashes/<target>/ and the log in
# $(BUILD)/fuzz/<target>.log; reproduce with $(BUILD)/fuzz/fuzz_<target> FILE.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 10
FUZZ_TARGETS ?= form process text rules csv import
FUZZ_FLAGS ?=
FUZZ_EXTRA ?=
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -g -O1 $(FUZZ_SAN) $(FUZZ_EXTRA) -Isrc -I$(BUILD)/gen \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
FUZZ_OBJ := $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(SRC)) \
            $(patsubst $(BUILD)/gen/%.c,$(FUZZ_DIR)/obj/gen/%.o,$(GEN_SRC))
FUZZ_LIB := $(FUZZ_DIR)/liblots-fuzz.a
FUZZ_BIN := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_STAMP := $(FUZZ_DIR)/cflags

.PHONY: fuzz fuzz-build fuzz-check-cc fuzz-force

# Rebuild everything when the flags change (FUZZ_EXTRA, FUZZ_CC, SAN …).
$(FUZZ_STAMP): fuzz-force
	@mkdir -p $(dir $@)
	@echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' | cmp -s - $@ || echo '$(FUZZ_CC) $(FUZZ_CFLAGS)' >$@

# Fails early and clearly when clang or its libFuzzer runtime is missing
# (Debian: clang and libclang-rt-dev of the same version).
fuzz-check-cc:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	  echo "fuzz: '$(FUZZ_CC)' not found; libFuzzer needs clang (apt-get install clang libclang-rt-dev)," \
	       "or name it with FUZZ_CC=clang-14" >&2; exit 1; }
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' | \
	  $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -x c - -o /dev/null >/dev/null 2>&1 || { \
	  echo "fuzz: $(FUZZ_CC) cannot link a libFuzzer target (-fsanitize=fuzzer,address,undefined);" \
	       "is libclang-rt-dev for this clang installed?" >&2; exit 1; }

$(FUZZ_DIR)/obj/gen/%.o: $(BUILD)/gen/%.c $(FUZZ_STAMP) | fuzz-check-cc
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/%.o: src/%.c $(FUZZ_STAMP) | fuzz-check-cc
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	@echo "ar $@"
	@ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_LIB) $(FUZZ_STAMP) | fuzz-check-cc
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(FUZZ_LDLIBS)

-include $(FUZZ_OBJ:.o=.d)

fuzz-build: $(FUZZ_BIN)

# One bounded run per target; every target runs even after a failure, and the
# last line counts them.
fuzz: fuzz-build
	@passed=0; failed=0; \
	for t in $(FUZZ_TARGETS); do \
	  bin=$(FUZZ_DIR)/fuzz_$$t; log=$(FUZZ_DIR)/$$t.log; \
	  work=$$(mktemp -d "$${TMPDIR:-/tmp}/lots-fuzz-$$t.XXXXXX") || exit 1; \
	  mkdir -p "$$work/corpus" "$$work/artifacts"; \
	  db=$$(mktemp -d /dev/shm/lots-fuzz-$$t.XXXXXX 2>/dev/null) || db="$$work"; \
	  if [ -d tests/fuzz/corpus/$$t ]; then cp -R tests/fuzz/corpus/$$t/. "$$work/corpus/"; fi; \
	  dict=; if [ -f tests/fuzz/$$t.dict ]; then dict=-dict=tests/fuzz/$$t.dict; fi; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS)s"; \
	  if LOTS_FUZZ_DB_DIR="$$db" "$$bin" -max_total_time=$(FUZZ_SECONDS) -runs=-1 -timeout=10 -print_final_stats=1 \
	       -artifact_prefix="$$work/artifacts/" $$dict $(FUZZ_FLAGS) "$$work/corpus" >"$$log" 2>&1; then \
	    passed=$$((passed + 1)); \
	    grep -h '^stat::number_of_executed_units' "$$log" | sed "s/^stat::number_of_executed_units: */  ok, runs: /"; \
	  else \
	    failed=$$((failed + 1)); \
	    mkdir -p $(FUZZ_DIR)/crashes/$$t; cp "$$work"/artifacts/* $(FUZZ_DIR)/crashes/$$t/ 2>/dev/null; \
	    echo "  FAILED: $$t (log: $$log; inputs: $(FUZZ_DIR)/crashes/$$t/)"; \
	    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_[a-z]+: invariant)|runtime error|^ +#[0-9] ' "$$log" | head -20 | sed 's/^/    /'; \
	  fi; \
	  rm -rf "$$work" "$$db"; \
	done; \
	echo "$$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]
