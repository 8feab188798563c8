# Yucai — the two commands a newcomer needs:
#   make run    install what is missing, build, migrate, seed demo data once, serve :3000
#   make test   formatting, clippy, Rust tests on SQLite and PostgreSQL, browser tests
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
YUCAI := $(TARGET_DIR)/release/yucai
export YUCAI_SITE_ROOT ?= $(CURDIR)/target/site

.PHONY: run test build tools test-tools lint test-sqlite test-postgres test-e2e check-faults check-api fuzz soak bench bench-enrol bench-certs bench-dashboard screenshots clean

## make run: build the release site and serve it on http://127.0.0.1:3000 (SQLite in data/)
run: tools build
	@$(YUCAI) seed --demo
	@exec $(YUCAI) serve

tools:
	@.ci/setup-tools

test-tools:
	@.ci/setup-tools --test

## Release build of the server and the browser bundle (wasm-opt from end2end/node_modules).
build:
	@echo "==> Building the release site (the first build takes 10-15 minutes on 2 cores)"
	cargo leptos build --release

## make test: everything CI checks.
test: test-tools lint test-sqlite test-postgres test-e2e check-faults check-api
	@echo "make test: all checks passed"

lint:
	@echo "==> Formatting and clippy (server features on the host, hydrate on wasm32)"
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p yucai-hydrate --target wasm32-unknown-unknown -- -D warnings
	@echo "==> Dependencies: licences, bans and sources (deny.toml; .ci/setup-tools --test installs cargo-deny)"
	@# cargo-deny reads the metadata of every platform's dependencies (Windows' too), which a
	@# fresh machine has not downloaded yet: fetch them first (from the registry), then check.
	cargo fetch --locked --quiet
	cargo deny --offline check licenses bans sources

# Each test runs in its own process (cargo-nextest): pages are rendered by Leptos, whose
# reactive runtime is process-global, and under one multi-test process a page render was seen
# to hang about once in 25 runs. Tests are built first; a hung run then fails after 10 minutes
# instead of holding CI until its limit.
TEST_TIMEOUT := timeout --kill-after=30 600
NEXTEST := cargo nextest run --workspace --no-fail-fast

test-sqlite:
	@echo "==> Rust tests on SQLite"
	cargo nextest run --workspace --no-run
	$(TEST_TIMEOUT) $(NEXTEST)

test-postgres:
	@echo "==> Rust tests on PostgreSQL"
	.ci/with-postgres $(TEST_TIMEOUT) $(NEXTEST)

test-e2e: build
	@echo "==> Browser tests (Chromium) against a freshly built release server"
	.ci/e2e

## The README's pictures of the main pages on a phone and a desktop (docs/screenshots/), taken by
## driving Chromium against a freshly seeded release server.
screenshots: test-tools build
	@echo "==> Screenshots of the main pages (docs/screenshots/)"
	.ci/e2e --config=playwright.screenshots.config.ts

## Faults: SIGKILL during an enrolment burst and a certificate batch, SIGTERM with a request in
## flight, PostgreSQL restarted under load, disk full and read-only (root for the last two).
check-faults: build
	@echo "==> Fault checks against the release server"
	.ci/check-faults

## The JSON API against its OpenAPI document: schemathesis (PyPI) on a seeded release server;
## zero 5xx, zero undocumented statuses or content types, zero schema violations.
check-api: build
	@echo "==> API contract (schemathesis) against the release server"
	.ci/check-api

## Property-based fuzzing of the sheet readers, importers and validators (stable Rust; see
## app/domain/src/fuzz.rs). FUZZ_CASES inputs per property, 256 in make test.
FUZZ_CASES ?= 20000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) cargo nextest run -p domain --release -E 'test(/^fuzz::/)'

## make bench: page throughput next to a bare axum handler, p99 at 1,000 req/s, logins with 200
## clients at once and the server's memory, download sizes (see BENCHMARKS.md).
bench: tools build
	.ci/bench

## make soak: mixed traffic (browse, log in, enrol, check in, download) against one release
## server for SOAK_SECONDS (600) at SOAK_RATE actions/s (100), memory bound SOAK_MEMORY_MIB (150);
## see server/examples/soak.rs. Set DATABASE_URL to a PostgreSQL URL to soak on PostgreSQL.
soak: tools build
	cargo build -q -p server --example soak
	YUCAI_BIN=$(YUCAI) $(TARGET_DIR)/debug/examples/soak

# Enrolment bursts: raw guarded update, the domain function, HTTP and HTTP on two instances,
# with correctness checks; on SQLite, then on a throwaway PostgreSQL 15.
bench-enrol:
	cargo build --release -q -p server --example bench_enrol
	env -u TEST_DATABASE_URL $(TARGET_DIR)/release/examples/bench_enrol
	.ci/with-postgres $(TARGET_DIR)/release/examples/bench_enrol

# Certificates: issuing 1,000 in one batch, rendering PDFs per core and in all, PDF sizes.
bench-certs:
	cargo run --release -q -p server --example bench_certs

# The KPI dashboard on 1,000,000 generated trainees, SQLite and PostgreSQL (BENCH_SCALE=N for
# another size, BENCH_DATABASES=sqlite for one database).
bench-dashboard:
	.ci/bench-dashboard

clean:
	cargo clean
