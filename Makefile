# Two entry points for a fresh machine: `make serve` and `make test`.
# Everything they need is installed from this repository's own files.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Debian packages the browser and print tests need.
DEB_PACKAGES := chromium fonts-noto-cjk poppler-utils

.PHONY: setup system-deps node-deps build serve test test-quick bench clean

setup: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Installs the Debian packages when they are missing; fails loudly when it cannot.
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "ERROR: missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; fi; \
	  echo "installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || { echo "ERROR: apt-get could not install$$missing"; exit 1; }; \
	fi

# JavaScript used by the browser tests (axe-core), pinned in package-lock.json.
node-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Chinese first: its build cleans the whole site/, site/en/ included; then English into site/en/.
build: setup
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.en.yml

# One server for both languages: the playbook plugin builds the English site into /en/ after
# every rebuild (mkdocs.yml: serve_alternate). Saving a playbook YAML reloads the page.
serve: setup
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

test: setup system-deps node-deps
	$(BIN)/python -m pytest -q

# The quick part while editing: no browser, no PDF, no fuzzing, no site build (markers in
# pyproject.toml). Needs no Debian or npm packages.
test-quick: setup
	$(BIN)/python -m pytest -q -m "not browser and not pdf and not fuzz and not site"

clean:
	rm -rf site $(VENV) node_modules .pytest_cache
