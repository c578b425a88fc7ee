# patrolmap — the two commands of the README are `make run` and `make test`.
# Everything else here is what they are made of.
SHELL := /bin/bash
MVN ?= mvn -B -q
JAR := target/patrolmap.jar
DB_URL_DEFAULT := $(shell bash scripts/db.sh url patrolmap)
TEST_DB_URL_DEFAULT := $(shell bash scripts/db.sh url patrolmap_test)
export PATROLMAP_DB_URL ?= $(DB_URL_DEFAULT)
export PATROLMAP_TEST_DB_URL ?= $(if $(filter $(DB_URL_DEFAULT),$(PATROLMAP_DB_URL)),$(TEST_DB_URL_DEFAULT),$(PATROLMAP_DB_URL))
# Offline work: use the shared data folder beside the checkout when present and nothing else is set.
ifeq ($(origin PATROLMAP_DATA_MIRROR),undefined)
  ifneq ($(wildcard ../shared/data/tiger),)
    export PATROLMAP_DATA_MIRROR := $(abspath ../shared/data)
  endif
endif

.PHONY: run test deps db db-stop build fetch import serve bench soak lighthouse clean format web-test-tools

run: deps db build fetch import serve

test: deps db web-test-tools
	mvn -B -ntp verify

# axe-core for the browser tests' accessibility check: a test tool from npm, never shipped.
AXE_VERSION := 4.14.1
AXE := target/web-test-tools/node_modules/axe-core/axe.min.js
web-test-tools: $(AXE)
$(AXE):
	npm install --no-audit --no-fund --no-save --prefix target/web-test-tools axe-core@$(AXE_VERSION)

deps:
	@bash scripts/install-deps.sh

db: deps
	@if [ "$(PATROLMAP_DB_URL)" = "$(DB_URL_DEFAULT)" ]; then env -u PATROLMAP_DB_URL bash scripts/db.sh start; else echo "patrolmap: using PATROLMAP_DB_URL"; fi

db-stop:
	@bash scripts/db.sh stop

build: $(JAR)

# deps is order-only: Maven and a JDK are installed first, but installing never forces a rebuild.
$(JAR): pom.xml $(shell find src/main web -type f 2>/dev/null) | deps
	$(MVN) package -DskipTests

fetch: build
	java -jar $(JAR) fetch

import: build db
	java -jar $(JAR) import

serve: build
	java -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -jar $(JAR) serve

bench: deps db build
	bash bench/run.sh

soak: deps db build
	bash bench/soak.sh

# Lighthouse scores of the web map (mobile and desktop, medians of 3) against the imported database.
lighthouse: deps db build
	bash bench/lighthouse.sh

clean:
	$(MVN) clean

# Rewrite the sources in the style `mvn verify` checks (Java: google-java-format; web js/css: whitespace).
format:
	$(MVN) spotless:apply
