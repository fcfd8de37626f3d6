# SPDX-License-Identifier: MIT
# The front door: `make run` builds the program alone and starts the main job; `make test` builds everything
# (tests, fuzzers' replays, benchmarks, man pages) and runs every test.
# Each target installs missing Debian packages first (scripts/install-deps, idempotent).

JOBS        ?= $(shell nproc)
FUZZ_SECONDS ?= 30
PREFIX      ?= /usr/local
RUN_ARGS    ?= serve --all

# ccache (when installed) keys on paths relative to the checkout, so a fresh clone reuses earlier builds.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps build program run test clang asan asan-test fuzz bench install clean

all: build

deps:
	@scripts/install-deps

# configure once per preset; later builds re-glob by themselves (CONFIGURE_DEPENDS)
build/%/build.ninja:
	cmake --preset $* >/dev/null

build: deps build/release/build.ninja
	cmake --build --preset release -j $(JOBS)

# Only what the program needs: the library, the command line's library and `sockit`. Quiet: ninja's one
# status line on a terminal, and only compiler messages otherwise (no line per step in a log).
program: deps build/release/build.ninja
	@echo "building build/release/sockit (library and program; make test builds the rest)"
	@cmake --build --preset release -j $(JOBS) --target sockit $$([ -t 1 ] || echo -- --quiet)

# The main job: the classic services daemon in the foreground (Ctrl-C stops it); RUN_ARGS picks another command.
run: program
	build/release/sockit $(RUN_ARGS)

test: build
	ctest --preset release -j $(JOBS)

# The whole tree with clang++ too (docs/design.md: both compilers must build it).
clang: deps build/clang/build.ninja
	cmake --build --preset clang -j $(JOBS)

asan: deps build/asan/build.ninja
	cmake --build --preset asan -j $(JOBS)

asan-test: asan
	ctest --preset asan -j $(JOBS)

# Every libFuzzer target for FUZZ_SECONDS each, from its committed corpus (new finds go to build/fuzz/).
fuzz: deps build/fuzz/build.ninja
	cmake --build --preset fuzz -j $(JOBS)
	@scripts/run-fuzzers build/fuzz/fuzz $(FUZZ_SECONDS)

bench: build
	@bench/run-all

install: build
	cmake --install build/release --prefix $(PREFIX)

clean:
	rm -rf build
