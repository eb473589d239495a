# v6admin — make run: build and start the server; make test: every test.
# Everything the build needs comes from the Go module proxy, Debian apt or
# npm, installed on first use by the targets below.

SHELL      := /bin/bash
GO         ?= go
GOROOT     := $(shell $(GO) env GOROOT)
LISTEN     ?= [::1]:8080
BIN        := bin/v6admin
REPLAY     := bin/replay
WASM       := static/app.wasm
BROTLI_Q   ?= 9
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PF         := node_modules/@patternfly/patternfly
# Sources of each binary (any Go file of the module but tests; sdktest is a
# module of its own).
GO_SRC     := $(shell find . -name '*.go' -not -name '*_test.go' -not -path './node_modules/*' -not -path './e2e/*' -not -path './sdktest/*') go.mod go.sum

.DEFAULT_GOAL := help
.PHONY: help build run test test-go test-sdk test-wasm test-e2e bench bench-proxy lint fmt deps clean

help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: .deps/apt $(PF)/package.json e2e/node_modules/.package-lock.json ## install what the build and tests need (apt, npm, Go modules)
	$(GO) mod download

# Debian packages: brotli (precompression), Node.js and npm (wasm tests,
# Playwright), Chromium (browser tests; never `npx playwright install`).
.deps/apt:
	@missing=""; \
	command -v brotli >/dev/null || missing="$$missing brotli"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "• apt-get install$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@mkdir -p .deps && touch $@

# Debian's nginx and wrk, for the proxy side-by-side of `make bench`.
# RUNLEVEL=1 keeps the package from starting nginx as a service: the bench
# runs its own, unprivileged, with a generated configuration.
.deps/bench:
	@missing=""; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then \
		echo "• apt-get install$$missing"; \
		$(SUDO) apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@mkdir -p .deps && touch $@

build: $(BIN) $(WASM).br $(WASM).gz static/pf/.stamp ## build the server and the wasm UI (precompressed)

$(BIN): $(GO_SRC)
	$(GO) build -trimpath -o $@ ./bff

# The replay engine of the browser tests' replay project (test-only).
$(REPLAY): $(GO_SRC) $(wildcard engine/fixtures/*.json)
	$(GO) build -trimpath -o $@ ./engine/replay/cmd/replay

$(WASM): $(GO_SRC)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./web

$(WASM).br: $(WASM) .deps/apt
	brotli -f -q $(BROTLI_Q) -o $@ $<

$(WASM).gz: $(WASM)
	gzip -9 -n -c $< > $@

# PatternFly 6 (npm, pinned in package.json): the CSS and the fonts, icons and
# images it refers to, copied into static/pf and precompressed.
$(PF)/package.json: package.json package-lock.json .deps/apt
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/pf/.stamp: $(PF)/package.json
	rm -rf static/pf && mkdir -p static/pf/assets/images
	cp $(PF)/patternfly.min.css $(PF)/patternfly-addons.css static/pf/
	cp -r $(PF)/assets/fonts $(PF)/assets/pficon static/pf/assets/
	cp $(PF)/assets/images/*Bkg-Generic*.svg static/pf/assets/images/
	for f in static/pf/patternfly.min.css static/pf/patternfly-addons.css; do \
		brotli -f -q 11 -o $$f.br $$f && gzip -9 -n -c $$f > $$f.gz; done
	@touch $@

run: build ## build, then start the server on LISTEN (default [::1]:8080, loopback only; LISTEN=[::]:8080 exposes it; Ctrl-C stops it)
	./$(BIN) --listen '$(LISTEN)' --static-dir static

test: lint test-go test-sdk test-wasm test-e2e ## every test: lint, Go tests (race), oVirt's Go SDK against the built-in engine, wasm tests, browser tests

test-go: .deps/apt
	$(GO) test -race -count=1 ./...

# go-ovirt (oVirt's Go SDK) drives the built-in engine: a module of its own
# (sdktest/go.mod), so the SDK stays out of the server's go.mod.
test-sdk: ## oVirt's Go SDK (go-ovirt) through the IPv6 scenarios against the built-in engine on [::1]
	cd sdktest && $(GO) vet ./... && $(GO) test -race -count=1 ./...

test-wasm: .deps/apt ## the pure packages' tests under GOOS=js GOARCH=wasm (Node.js)
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec $(GOROOT)/lib/wasm/go_js_wasm_exec ./validation/ ./engine/ovirt/ ./readiness/

test-e2e: build $(REPLAY) .deps/apt e2e/node_modules/.package-lock.json ## browser tests: Playwright + Debian's Chromium, server on [::1] (fresh data dir, free port)
	cd e2e && npx playwright test --project=e2e --project=replay

e2e/node_modules/.package-lock.json: e2e/package.json e2e/package-lock.json .deps/apt
	cd e2e && npm ci --no-audit --no-fund --loglevel=error

bench: build .deps/apt e2e/node_modules/.package-lock.json ## benchmarks (validation, store, engine, UI board), the proxy side by side with nginx (bench-proxy), then in Chromium: app.wasm sizes, time to the first dialog, Setup Host Networks on a 128-NIC/256-network host
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(MAKE) bench-proxy
	cd e2e && V6ADMIN_E2E_SCALE=1 npx playwright test --project=perf

bench-proxy: build .deps/bench ## the engine, nginx in front of it and the BFF's proxy side by side: wrk, 8 connections, GET hosts, interleaved rounds on [::1]
	$(GO) run ./bff/internal/proxybench -bin $(BIN) -static static -rounds 7 -duration 4s

# The packages that make up the wasm UI (the server-only ones, e.g. SQLite,
# do not build for js/wasm at all).
WASM_PKGS  := ./web/... ./components/... ./validation/... ./engine/ovirt/... ./wire/... ./readiness/...

# golangci-lint (.golangci.yml), pinned in tools/go.mod: a module of its own,
# so that the linter's dependencies stay out of go.mod and of the server's and
# the wasm's builds. The first build takes minutes.
GOLANGCI   := bin/golangci-lint

$(GOLANGCI): tools/go.mod tools/go.sum
	cd tools && $(GO) build -o ../$@ github.com/golangci/golangci-lint/v2/cmd/golangci-lint

lint: $(GOLANGCI) ## gofmt, go vet and golangci-lint (native, and wasm for the UI's packages)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $(WASM_PKGS)
	$(GOLANGCI) run ./...
	GOOS=js GOARCH=wasm $(GOLANGCI) run $(WASM_PKGS)

fmt: ## format the Go code
	gofmt -w $$(git ls-files '*.go')

clean: ## remove build outputs
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz static/pf .deps node_modules e2e/node_modules e2e/test-results
