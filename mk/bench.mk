# mk/bench.mk — benchmarks (bench/, results in bench/README.md).
#   make -f Makefile -f mk/bench.mk bench        pattern detection over 1,000,000 deviations
#   make -f Makefile -f mk/bench.mk bench N=100000
N ?= 1000000
BENCH_BIN := $(BUILD)/bench/patterns

$(BENCH_BIN): bench/patterns.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL)

.PHONY: bench
bench: $(BENCH_BIN)
	$(BENCH_BIN) $(N)
