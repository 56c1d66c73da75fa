# streamer — see README.md. Every target works offline except `smoke`.
SWIFT ?= swift
ARGS ?= --help
DEMO_DURATION ?= 6s

.PHONY: setup build release test test-unit test-e2e demo run lint format clean

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

## lint: formatting plus the layer rules of STYLE.md §2.2.
lint:
	$(SWIFT) format lint --strict -r Sources Tests
	@scripts/lint-layers.sh

format:
	$(SWIFT) format --in-place -r Sources Tests

clean:
	rm -rf .build
