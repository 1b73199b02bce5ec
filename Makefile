# Payesh — developer commands. `make help` lists them.
#
# make run      build and serve the demo on an embedded SQLite file
# make test     go vet, then every test; PostgreSQL too when PAYESH_TEST_POSTGRES is set
# make pg-test  start the local PostgreSQL 15, then `make test` against it
# make screenshots  run the browser tests and copy their screenshots into docs/screenshots
# make stress   two `payesh serve` on a fresh PostgreSQL database, eight API clients at once
# make failover two `payesh serve` on a primary with a synchronous standby, the standby promoted mid-load
# make lighthouse  Lighthouse on the desk, dashboards, grid, matrix and board (phone and desktop)

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO      ?= go
BIN     := bin/payesh
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION) -X main.revision=$(shell git rev-parse HEAD 2>/dev/null)

# The local PostgreSQL test database; .ci/run uses the same one.
PG_CLUSTER ?= 15 main
PG_USER    ?= payesh_test
PG_PASS    ?= payesh_test
PG_DB      ?= payesh_test
PG_URL     := postgres://$(PG_USER):$(PG_PASS)@127.0.0.1:5432/$(PG_DB)?sslmode=disable

# Where the PostgreSQL pass keeps its verbose log (gitignored).
TEST_LOG := tmp/go-test-postgres.log

# Front-end packages from npm (pinned in package-lock.json) are copied into
# the web package, which embeds them: the page never reaches another host.
# Only the dependencies: the devDependencies (Lighthouse) are installed by
# `make lighthouse` alone, so `make run` does not fetch them.
VENDOR := internal/web/static/vendor
ICONS  := house scroll-text list-checks building-2 settings log-out languages plus pencil trash-2 \
          circle-alert clock calendar-days users file-text chevron-left chevron-right printer search \
          triangle-alert check history link eye filter arrow-up-down x save send undo-2 user-plus \
          key-round folder-tree file-plus circle-check info arrow-right arrow-left chart-line gauge \
          table-2 calculator trending-up trending-down map-pin calendar-clock hourglass user-x microscope

# The browser tests (internal/web/browser) save full-page screenshots here
# (gitignored); `make screenshots` publishes them for the README.
SHOTS     := tmp/screenshots
DOC_SHOTS := docs/screenshots

.PHONY: help run build test vet assets pg-start pg-test stress failover screenshots clean lighthouse

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

assets: $(VENDOR)/.stamp ## install the pinned npm packages and copy them into the web package

$(VENDOR)/.stamp: package-lock.json Makefile
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/fonts $(VENDOR)/icons
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.min.js
	cp node_modules/chart.js/LICENSE.md $(VENDOR)/chart.LICENSE.md
	cp node_modules/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.js \
	   node_modules/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.css $(VENDOR)/
	cp 'node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2' $(VENDOR)/fonts/Vazirmatn-Variable.woff2
	cp node_modules/vazirmatn/OFL.txt $(VENDOR)/fonts/
	cp node_modules/lucide-static/LICENSE $(VENDOR)/icons/
	for i in $(ICONS); do cp node_modules/lucide-static/icons/$$i.svg $(VENDOR)/icons/; done
	touch $@

# The devDependencies (Lighthouse and the puppeteer it drives Chromium
# with, ~280 MB) are installed here, after `assets`, whose `npm ci
# --omit=dev` would remove them: npm ci empties node_modules, so this
# stamp goes with them and the next `make lighthouse` installs them again.
LH_STAMP := node_modules/.payesh-dev-stamp

$(LH_STAMP): package-lock.json $(VENDOR)/.stamp
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# lighthouse audits Payesh's own pages, served from the demo on a fresh
# SQLite file, with Debian's Chromium: it fails on an accessibility score
# under 95 or a cumulative layout shift of 0.1 or more (scripts/lighthouse.mjs).
# The reports and scores.md, the README's table, go to tmp/lighthouse.
lighthouse: build $(LH_STAMP) ## Lighthouse on the desk, dashboards, grid and board: accessibility ≥ 95, CLS < 0.1
	node scripts/lighthouse.mjs $(BIN)

run: build ## build, load the demo (and its training set) if the database is empty, and serve it
	./$(BIN) serve --demo --training

build: assets ## build bin/payesh
	$(GO) build -buildvcs=auto -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/payesh

vet: assets ## go vet every package
	$(GO) vet ./...

# Without PAYESH_TEST_POSTGRES the tests run on SQLite (the PostgreSQL
# subtests skip, saying why). With it, the store tests run on both engines
# and the packages built on storetest.Open run on PostgreSQL; the output is
# kept verbose in $(TEST_LOG), printed whole on failure (then the failed
# tests' output again, last, where a truncated CI log still shows it), and summarised on
# success with the PostgreSQL tests that passed, so a log always shows that
# PostgreSQL really ran.
test: vet ## go vet, then go test (both engines when PAYESH_TEST_POSTGRES is set)
ifeq ($(strip $(PAYESH_TEST_POSTGRES)),)
	$(GO) test -count=1 ./...
else
	@mkdir -p $(dir $(TEST_LOG))
	@echo "go test -count=1 -v ./...  (PostgreSQL: $$(sed -E 's#//([^:@/]*):[^@]*@#//\1:***@#' <<<"$$PAYESH_TEST_POSTGRES"))"
	@if ! $(GO) test -count=1 -v ./... >$(TEST_LOG) 2>&1; then \
		cat $(TEST_LOG); scripts/test-failures.sh $(TEST_LOG); \
		echo "FAIL: go test failed (log: $(TEST_LOG))"; exit 1; fi
	@grep -E '^(ok|FAIL|panic|\?) ' $(TEST_LOG) || true
	@grep -E -- '--- PASS: .*/postgres ' $(TEST_LOG) | sed -n 's/^ *//; 1,20p'
	@grep -E -- '^--- (PASS|SKIP): (TestBrowser|TestHTML)' $(TEST_LOG) || true
	@pg=$$(grep -cE -- '--- PASS: .*/postgres ' $(TEST_LOG) || true); \
	 pgskip=$$(grep -cE -- '--- SKIP: .*/postgres ' $(TEST_LOG) || true); \
	 passed=$$(grep -cE -- '--- PASS: ' $(TEST_LOG) || true); \
	 skipped=$$(grep -cE -- '--- SKIP: ' $(TEST_LOG) || true); \
	 echo "postgres subtests: $$pg passed, $$pgskip skipped"; \
	 echo "$$passed passed, 0 failed, $$skipped skipped"; \
	 if [ "$$pg" -eq 0 ] || [ "$$pgskip" -ne 0 ]; then \
		echo "FAIL: PAYESH_TEST_POSTGRES is set but the PostgreSQL tests did not all run"; exit 1; fi
endif

# pg-start starts the local cluster and creates the test role and database
# if they are missing. The role gets a password because the tests connect
# over TCP to 127.0.0.1, where Debian's pg_hba asks for one (scram-sha-256).
pg-start: ## start local PostgreSQL 15 and create the payesh_test role and database
	pg_ctlcluster $(PG_CLUSTER) status >/dev/null 2>&1 || pg_ctlcluster $(PG_CLUSTER) start
	for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
	pg_isready -h 127.0.0.1 -p 5432
	printf '%s\n' \
		"SELECT 'CREATE ROLE $(PG_USER) LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$(PG_USER)') \gexec" \
		"ALTER ROLE $(PG_USER) LOGIN PASSWORD '$(PG_PASS)';" \
		"SELECT 'CREATE DATABASE $(PG_DB) OWNER $(PG_USER)' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$(PG_DB)') \gexec" \
		| su postgres -c "cd / && psql -q -v ON_ERROR_STOP=1"

pg-test: pg-start ## make test against the local PostgreSQL (both engines)
	PAYESH_TEST_POSTGRES='$(PG_URL)' $(MAKE) --no-print-directory test

# stress is the end-to-end check of concurrent writes (scripts/stress-postgres.sh):
# a fresh database payesh_stress, two serve processes, `payesh stress`.
stress: build pg-start ## two instances on PostgreSQL, 8 concurrent API clients, numbers checked
	PG_USER='$(PG_USER)' PG_PASS='$(PG_PASS)' scripts/stress-postgres.sh

# failover is the end-to-end check of a database failover under load
# (scripts/failover.sh): two clusters of its own, fo_primary on 5441 and its
# synchronous standby fo_standby on 5442, made afresh and dropped at the end;
# the cluster "15 main" is not touched.
failover: build ## two instances on a primary and its standby, the standby promoted mid-load, figures printed
	scripts/failover.sh

# screenshots runs only the browser tests, which need Chromium (CI=1 makes
# a missing one an error rather than a skip), then copies what they saved.
screenshots: assets ## run the browser tests and copy their screenshots into docs/screenshots
	rm -rf $(SHOTS)
	CI=1 $(GO) test -count=1 -run '^TestBrowser' ./internal/web/browser/
	mkdir -p $(DOC_SHOTS)
	cp $(SHOTS)/*.png $(DOC_SHOTS)/
	@ls $(DOC_SHOTS)

clean: ## remove build output and test logs
	rm -rf bin tmp $(VENDOR)
