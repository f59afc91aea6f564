# Two entry points for a fresh machine: `make serve` and `make test`.
# Everything they need is installed from this repository's own files.
#
# Python packages come from requirements.lock (exact versions with hashes; pyproject.toml only
# bounds them). Refresh it after changing pyproject.toml's dependencies with `make lock`
# (`make lock UPGRADE=1` to move every pin to the newest version within the bounds); it runs
#   pip-compile --generate-hashes --extra test --strip-extras -o requirements.lock pyproject.toml
# from pip-tools installed in a throwaway venv (pip-tools is not a dependency of the project).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Debian packages the browser and print tests need.
# libreoffice-calc-nogui opens the team CSV as a spreadsheet would (tests/validator/test_csv.py).
DEB_PACKAGES := chromium fonts-noto-cjk poppler-utils libreoffice-calc-nogui

.PHONY: setup system-deps node-deps build serve test test-quick bench clean lock

setup: $(BIN)/.installed

# The locked packages first, every file checked against its hash; then the project itself,
# editable, with nothing more (its dependencies are all in the lock).
$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

LOCK_VENV := $(or $(TMPDIR),/tmp)/salesplaybook-lock-venv
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(if $(UPGRADE),--upgrade) \
	  -o requirements.lock pyproject.toml
	rm -rf $(LOCK_VENV)

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
