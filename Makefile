# The two commands a newcomer needs: `make run` and `make test`. Everything else is for developers.
SHELL := /bin/bash
PRESET ?= release
BUILD_DIR := build/$(PRESET)
BIN := $(BUILD_DIR)/mangetamain
DB ?= data/mangetamain.duckdb
DEMO_SCALE ?= 1.0
DEMO_SEED ?= 42
JOBS ?= $(shell nproc)

.PHONY: all bootstrap bootstrap-test binary build run demo-db test coverage asan fuzz lint bench soak format clean

all: build

# What serving needs (compiler, libraries, front-end assets, DuckDB); bootstrap-test adds every test tool.
bootstrap:
	@scripts/bootstrap.sh

bootstrap-test:
	@scripts/bootstrap.sh --test

# The binary alone: no test executables (and no test tools needed to configure).
binary: bootstrap
	@cmake --preset $(PRESET) -DMTM_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target mangetamain

# Everything of the preset, test executables included.
build: bootstrap-test
	@cmake --preset $(PRESET) -DMTM_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Builds the full-scale synthetic demo database when none exists yet.
demo-db: binary
	@if [ ! -f "$(DB)" ]; then \
	  echo "Creating the synthetic demo database $(DB) (scale $(DEMO_SCALE), seed $(DEMO_SEED))"; \
	  $(BIN) generate --out data/demo-raw --scale $(DEMO_SCALE) --seed $(DEMO_SEED) && \
	  $(BIN) ingest --raw-dir data/demo-raw --db $(DB); \
	fi

run: demo-db
	@scripts/run.sh "$(BIN)" "$(DB)"

# Every quality gate (scripts/test.sh); each one also runs alone below.
test: bootstrap-test
	@JOBS=$(JOBS) scripts/test.sh

coverage: bootstrap-test
	@JOBS=$(JOBS) scripts/coverage.sh

asan: bootstrap-test
	@JOBS=$(JOBS) scripts/asan.sh

# FUZZ_SECONDS=600 make fuzz for a longer run (default 60 s per target).
fuzz: bootstrap-test
	@JOBS=$(JOBS) scripts/fuzz.sh

lint: bootstrap-test
	@JOBS=$(JOBS) scripts/lint.sh

bench: bootstrap-test
	@scripts/bench.sh

# A 10-minute mixed load (browsing, searches, honest and flooding events, slow clients) against the database of
# `make bench` (or SOAK_DB): RSS, open fds, honest errors and cached p99 every 30 s, then the events byte cap
# across a restart. SOAK_SECONDS shortens it.
SOAK_DB ?= build/bench/bench.duckdb
SOAK_SECONDS ?= 600
soak: binary
	@test -f $(SOAK_DB) || { echo "soak: no database $(SOAK_DB): run make bench first, or set SOAK_DB"; exit 1; }
	@/usr/bin/python3 bench/soak.py --binary build/release/mangetamain --db $(SOAK_DB) --seconds $(SOAK_SECONDS) \
	  | tee build/soak.txt

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
