# Newsline. `make run` serves the site locally; `make test` runs every test.
# Both install what is missing first (`make deps`, Debian 12 packages only).

CXX      ?= g++
XML2_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
CXXFLAGS ?= -O2 -g
CXXFLAGS += -std=c++17 -Wall -Wextra -Wno-unused-parameter -pthread -MMD -MP \
            -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE \
            -Icgi $(shell mariadb_config --include 2>/dev/null || echo -I/usr/include/mariadb) \
            $(shell pkg-config --cflags vips 2>/dev/null) $(XML2_CFLAGS)
LDFLAGS  += -pthread -pie -Wl,-z,relro,-z,now
LDLIBS    = -lfcgi -lctemplate -lmariadb -lsodium -lcmark $(shell pkg-config --libs vips 2>/dev/null || echo -lvips) -lwebpmux -lwebp -lz -lxml2 -lcurl

BUILD    := build
APP_SRC  := $(filter-out cgi/main.cc,$(shell find cgi -name '*.cc' | sort))
APP_OBJ  := $(APP_SRC:%.cc=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/*.cc))
TEST_OBJ := $(TEST_SRC:%.cc=$(BUILD)/%.o)

DEB_PACKAGES := g++ make pkg-config libfcgi-dev libctemplate-dev libmariadb-dev libboost-test-dev \
                libsodium-dev libcmark-dev libvips-dev libxml2-dev libcurl4-openssl-dev nlohmann-json3-dev libwebp-dev mariadb-server mariadb-client nginx wrk tzdata python3 chromium \
                curl ca-certificates python3-feedparser zlib1g-dev clang clang-format libclang-rt-14-dev \
                systemd logrotate

.PHONY: all deps build compile bench-data bench-shapes bench-pools bench-import run start stop test unit-test bench migrate clean lighthouse \
        sanitize-build fuzz security-deps security chaos

all: build
build: $(BUILD)/newsline

$(BUILD)/newsline: $(APP_OBJ) $(BUILD)/cgi/main.o
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The benchmark's reference responders (scripts/bench.py).
$(BUILD)/fcgi_floor: scripts/fcgi_floor.cc scripts/fcgi_pool.h
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $< -lfcgi

$(BUILD)/reference_page: scripts/reference_page.cc scripts/fcgi_pool.h
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $< -lfcgi -lctemplate -lmariadb

$(BUILD)/unit_tests: $(APP_OBJ) $(TEST_OBJ)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lboost_unit_test_framework

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%.o: CXXFLAGS += -DBOOST_TEST_DYN_LINK

# Installs the Debian packages that are missing (apt-get, non-interactive) and,
# as root, the system user the local stack's services run as.
SERVICE_USER := newsline
# Debian's Python, with the modules make deps installs (python3-feedparser),
# whatever other python3 comes first on PATH.
PYTHON := /usr/bin/python3
define install_missing
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef
deps:
	$(call install_missing,$(DEB_PACKAGES))
	@# Started as root, the local stack runs MariaDB and the workers as this system user.
	@if [ "$$(id -u)" = 0 ] && ! id -u $(SERVICE_USER) >/dev/null 2>&1; then \
	  echo "creating the system user $(SERVICE_USER)"; \
	  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin $(SERVICE_USER); \
	fi

# Serves the site on 127.0.0.1:$(PORT) until Ctrl-C (data kept in var/).
PORT ?= 8080
# Builds with both cores, once deps has installed the compiler and libraries.
JOBS ?= 2
compile: deps
	$(MAKE) --no-print-directory -j$(JOBS) build $(BUILD)/unit_tests

run: compile
	$(PYTHON) scripts/stack.py run --port $(PORT)

start: compile
	$(PYTHON) scripts/stack.py start --port $(PORT)

stop:
	$(PYTHON) scripts/stack.py stop

migrate: build
	$(PYTHON) scripts/stack.py migrate

# Google's Lighthouse from the npm registry, at the version package-lock.json
# pins, for `make lighthouse` and its short run in `make test`. It drives
# Debian's chromium (in DEB_PACKAGES) and downloads no browser of its own.
# (A stamp file: the installed files keep the dates of the packages.)
LIGHTHOUSE := lighthouse/node_modules/.installed
$(LIGHTHOUSE): lighthouse/package.json lighthouse/package-lock.json
	@command -v npm >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm; }
	npm ci --prefix lighthouse --no-audit --no-fund --loglevel=error
	@touch $@

# Every page family (front page, article with photo, section, search) on a
# phone and a desktop, on a throwaway stack; reports in test-output/lighthouse/.
lighthouse: compile $(LIGHTHOUSE)
	$(PYTHON) scripts/lighthouse.py

# ASan + UBSan with clang: the fuzz targets (`make fuzz`), the unit tests
# built again with them (part of `make test`), and the worker for one run of
# the integration suite (`make test SANITIZE=1`). The objects carry libFuzzer's
# coverage as well, so that all three link the same ones.
SAN_CXX      := clang++
SAN_BUILD    := $(BUILD)/san
SAN_FLAGS    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_CXXFLAGS := -std=c++17 -Wall -Wextra -Wno-unused-parameter -pthread -MMD -MP -Icgi \
                $(shell mariadb_config --include 2>/dev/null || echo -I/usr/include/mariadb) \
                $(shell pkg-config --cflags vips 2>/dev/null) $(XML2_CFLAGS) \
                $(SAN_FLAGS) -fsanitize=fuzzer-no-link
SAN_APP_OBJ  := $(APP_SRC:%.cc=$(SAN_BUILD)/%.o)
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/*.cc))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.cc=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
# The sanitized worker's reports: at the first error, in the worker's log (scripts/fuzz.py sets the same).
SAN_ENV      := ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
                LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0

$(SAN_BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(SAN_CXX) $(SAN_CXXFLAGS) -c -o $@ $<

$(SAN_BUILD)/tests/unit/%.o: SAN_CXXFLAGS += -DBOOST_TEST_DYN_LINK

$(SAN_BUILD)/unit_tests: $(SAN_APP_OBJ) $(TEST_OBJ:$(BUILD)/%=$(SAN_BUILD)/%)
	$(SAN_CXX) $(SAN_FLAGS) -pthread -o $@ $^ $(LDLIBS) -lboost_unit_test_framework

$(SAN_BUILD)/newsline: $(SAN_APP_OBJ) $(SAN_BUILD)/cgi/main.o
	$(SAN_CXX) $(SAN_FLAGS) -pthread -o $@ $^ $(LDLIBS)

.SECONDARY: $(FUZZ_SRC:%.cc=$(SAN_BUILD)/%.o)  # kept: a target's object is not a passing file
$(BUILD)/fuzz/%: $(SAN_BUILD)/tests/fuzz/%.o $(SAN_APP_OBJ)
	@mkdir -p $(dir $@)
	$(SAN_CXX) $(SAN_FLAGS) -fsanitize=fuzzer -pthread -o $@ $^ $(LDLIBS)

sanitize-build: deps
	$(MAKE) --no-print-directory -j$(JOBS) $(SAN_BUILD)/unit_tests $(FUZZ_BIN) $(if $(SANITIZE),$(SAN_BUILD)/newsline)

# Every fuzz target for FUZZ_SECONDS each, two at a time; crashes in test-output/fuzz/.
# FUZZ_CPU=1: FUZZ_SECONDS of processor time each, at the lowest priority (an hour's fuzzing beside other work).
fuzz: sanitize-build
	$(PYTHON) scripts/fuzz.py --seconds $(FUZZ_SECONDS) $(if $(FUZZ_CPU),--cpu)

# The outside tools `make security` and `make chaos` run (Debian's packages).
SECURITY_PACKAGES := sqlmap wapiti hydra slowhttptest
security-deps: deps
	$(call install_missing,$(SECURITY_PACKAGES))

# sqlmap, wapiti, hydra and slowhttptest against throwaway stacks (about 15
# minutes); one line per tool, raw reports in test-output/security/.
security: compile security-deps
	$(PYTHON) scripts/security.py

# Faults under load (MariaDB stopped and killed, a worker killed, junk
# addresses, a login flood, slow clients) on a throwaway stack: a table of
# each second and the targets, in test-output/chaos/.
chaos: compile security-deps
	$(PYTHON) scripts/chaos.py

# The bench responders are built too, so that a change that breaks them fails here.
# The build's time is the first line of the stage times run_all.py prints.
TEST_BUILD := compile sanitize-build security-deps $(BUILD)/fcgi_floor $(BUILD)/reference_page $(LIGHTHOUSE)
test:
	@started=$$(date +%s); \
	$(MAKE) --no-print-directory $(TEST_BUILD) && \
	NEWSLINE_BUILD_SECONDS=$$(( $$(date +%s) - started )) \
	  $(if $(SANITIZE),NEWSLINE_BINARY=$(CURDIR)/$(SAN_BUILD)/newsline NEWSLINE_SANITIZED=1 $(SAN_ENV)) $(PYTHON) tests/run_all.py

unit-test: $(BUILD)/unit_tests
	$(BUILD)/unit_tests

# wrk against the real stack; see scripts/bench.py. DATA=var/bench uses the
# data set made by `make bench-data N=1000000` instead of the demo content, and
# measures the demo content beside it in the same run, to compare the two;
# BASELINE=var/bench-10k measures that data set beside it instead (made by
# `make bench-data N=10000 ROOT=var/bench-10k`).
# Then one pool of workers against two (a replica, one pool over TCP), for the record.
bench: compile $(BUILD)/fcgi_floor $(BUILD)/reference_page
	mkdir -p var
	$(PYTHON) scripts/bench.py run $(if $(DATA),--data $(DATA) $(if $(BASELINE),--baseline $(BASELINE)) --json var/bench-data.json,--json var/bench-demo.json)
	$(PYTHON) scripts/bench.py pools

# The importer on a generated WordPress export: POSTS posts of 10 KB (100,000: a 1 GB file), its rate and memory.
bench-import: compile
	$(PYTHON) scripts/bench.py import $(if $(POSTS),--posts $(POSTS))

bench-pools: compile
	$(PYTHON) scripts/bench.py pools

# Worker shapes (processes x threads) compared on one stack, e.g. SHAPES=2x2,2x4.
bench-shapes: compile $(BUILD)/fcgi_floor
	$(PYTHON) scripts/bench.py shapes $(if $(SHAPES),--shapes $(SHAPES))

N ?= 1000000
bench-data: compile
	$(PYTHON) scripts/bench.py data --articles $(N) $(if $(ROOT),--root $(ROOT))

clean:
	rm -rf $(BUILD)

-include $(APP_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/cgi/main.d
-include $(SAN_APP_OBJ:.o=.d) $(wildcard $(SAN_BUILD)/tests/*/*.d)
