# streamer — see README.md. Every target works offline except `smoke`.
SWIFT ?= swift
ARGS ?= --help
DEMO_DURATION ?= 6s
FUZZ_SECONDS ?= 60
BENCH_MESSAGES ?= 1000000
BENCH_LONG ?= 0
BENCH_SCRATCH ?= .build

.PHONY: setup build release test test-unit test-e2e demo run lint format fuzz clean conformance bench

## setup: install what a fresh Debian machine lacks (idempotent): OpenSSL headers, pkg-config, openssl CLI, tmux.
setup:
	@scripts/setup.sh

## build: debug build of every product.
build:
	$(SWIFT) build

## release: optimized build (what `demo`, `run` and benchmarks use).
release:
	$(SWIFT) build -c release

## test: unit and end-to-end tests (offline; fixture servers on 127.0.0.1 only).
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-unit:
	$(SWIFT) test --filter StreamerCoreTests

test-e2e:
	$(SWIFT) test --filter StreamerEndToEndTests

## demo: stream Bitstamp trades as a table from the bundled fixture exchange over TLS, offline.
demo: release
	@scripts/demo.sh "$(DEMO_DURATION)"

## run: the release binary with ARGS, e.g. make run ARGS="bitstamp trades btcusd"
run: release
	.build/release/streamer $(ARGS)

## bench: release build, then every DESIGN.md §6 figure (end to end ws/wss, micro, start-up, size), one per line;
## BENCH_MESSAGES=N per end-to-end run, BENCH_LONG=1 adds the 10M-message RSS run (README "Performance").
bench:
	@BENCH_MESSAGES=$(BENCH_MESSAGES) BENCH_LONG=$(BENCH_LONG) BENCH_SCRATCH=$(BENCH_SCRATCH) SWIFT=$(SWIFT) \
		scripts/bench.sh

## conformance: the Autobahn|Testsuite fuzzingserver (Python 2.7, provisioned under .build/autobahn/) runs its
## client cases against autobahn-client on 127.0.0.1; prints one summary line, fails on any FAILED case.
conformance:
	@scripts/conformance.sh

## lint: formatting plus the layer rules of STYLE.md §2.2.
lint:
	$(SWIFT) format lint --strict -r Sources Tests
	@scripts/lint-layers.sh

format:
	$(SWIFT) format --in-place -r Sources Tests

## fuzz: build the libFuzzer targets (Fuzz/, scripts/fuzz.sh) and run each for FUZZ_SECONDS; fails on any finding.
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh run

clean:
	rm -rf .build
