# Tenor — the two commands a new machine needs: `make run` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/tenor
export TENOR_MODELS_DIR ?= $(HOME)/.local/share/tenor/models

.PHONY: setup build run test test-unit e2e bench fuzz clean

## setup: install Debian packages and the pinned models when missing (idempotent).
setup:
	@Scripts/setup.sh

## build: release build of the `tenor` binary.
build: setup
	$(SWIFT) build -c release --product tenor

## run: set up, build, and show Tenor working on the examples.
run: build
	@Scripts/setup.sh --index
	@echo "== tenor models"
	@$(RELEASE_BIN) models
	@echo "== tenor check examples/"
	@$(RELEASE_BIN) check --fail-on error examples/
	@Scripts/demo.sh $(RELEASE_BIN)

## test: set up, build (swift test builds the tenor binary too), run every test in release mode (model numerics are too slow in debug), then `e2e`.
test: setup
	@# Build once, as `swift test -c release` builds (testing enabled; the filter matches no test), so the
	@# clip-art index can be built with that tenor binary before the tests that use it; the runs below reuse it.
	$(SWIFT) test -c release --filter 'BuildOnlyNoSuchTest'
	@Scripts/setup.sh --index
	$(SWIFT) test -c release --skip-build --skip 'LanguageServerTests|EndToEndTests'
	@# The server tests start many servers at once; run them apart from the CPU-heavy model tests,
	@# which would otherwise hold Swift's two cooperative threads and starve the servers' timeouts.
	$(SWIFT) test -c release --skip-build --filter 'LanguageServerTests|EndToEndTests'
	@# The build above made .build/release/tenor (with testing enabled); a plain
	@# `swift build` now would rebuild everything for different flags, so the editors use that binary.
	@if [ -n "$$TENOR_SKIP_E2E" ]; then echo "e2e: skipped (TENOR_SKIP_E2E is set)"; \
	else Scripts/setup-editors.sh && Tests/editors/run.sh; fi

## e2e: real editors (headless Neovim, Emacs + Eglot) driving tenor lsp; TENOR_SKIP_E2E=1 skips it in `make test`.
e2e:
	@Scripts/setup-editors.sh
	$(SWIFT) build -c release --product tenor
	@Scripts/setup.sh --index
	@Tests/editors/run.sh

## fuzz: build the libFuzzer targets in Fuzz/ and run each for FUZZ_SECONDS (default 60; docs/RELIABILITY.md used 600).
##       FUZZ_TARGETS="FuzzWire FuzzGGUF" picks some; FUZZ_JOBS=2 runs two at a time.
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) SWIFT=$(SWIFT) Fuzz/run.sh $(FUZZ_TARGETS)

bench: build
	$(RELEASE_BIN) bench

clean:
	rm -rf .build
