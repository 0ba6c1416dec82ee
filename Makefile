# AskScope: `make site` builds the checked, link-checked site into site/; `make test` runs every test.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: install site test serve check lint bench bench-quick bench-weight vendor-mermaid clean lock upstream lowest

# Installs come only from the committed, hash-checked lock files in requirements/ (see README.md,
# "Installing"): site.txt for building, test.txt (a superset, the same versions) for testing.
# --only-binary: nothing is built, so no build step can fetch an unlocked setuptools. A changed lock
# recreates .venv, so what it holds is exactly the lock (`pip freeze` equals it).
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps --only-binary :all:
PIP_SELF := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e .

$(VENV)/.created: requirements/site.txt requirements/test.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5) and "AskScope needs Python 3.11.5 or newer")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	touch $@

$(VENV)/.site-installed: $(VENV)/.created pyproject.toml
	$(PIP_LOCKED) -r requirements/site.txt
	$(PIP_SELF)
	touch $@

$(VENV)/.test-installed: $(VENV)/.created pyproject.toml
	$(PIP_LOCKED) -r requirements/test.txt
	$(PIP_SELF)
	touch $@ $(VENV)/.site-installed

# .venv with the site's locked dependencies and AskScope, without building anything (the workflows use it).
install: $(VENV)/.site-installed

# Re-resolve both locks from pyproject.toml's ranges (and requirements/build.in) against today's index.
# Commit the result on its own, saying why; `git diff requirements/` shows what changed upstream.
lock: $(VENV)/.test-installed
	$(BIN)/uv pip compile $(UV_LOCK_FLAGS) --extra test --extra dev -o requirements/test.txt
	$(BIN)/uv pip compile $(UV_LOCK_FLAGS) -c requirements/test.txt -o requirements/site.txt
UV_LOCK_FLAGS = pyproject.toml requirements/build.in --universal --python-version 3.11.5 --generate-hashes \
	--quiet --upgrade --custom-compile-command "make lock"

# The upstream watch (.github/workflows/upstream.yml runs both): the whole suite in a separate venv with
# the newest versions pyproject.toml's ranges allow today, or with the lowest it claims to support.
# Each writes .upstream/<mode>/ (versions.txt, differs.txt against the lock, pytest.txt) and exits
# non-zero when a test fails.
upstream: $(VENV)/.test-installed
	$(BIN)/python requirements/try_versions.py newest

lowest: $(VENV)/.test-installed
	$(BIN)/python requirements/try_versions.py lowest

# Build into a temporary folder and move it into place only when the build and the link check pass,
# so site/ is never a half-built site: a failed build leaves the previous site/ as it was. The swap is
# two renames (the old site waits in .site-tmp-old until the new one is in place).
# Dates in the output (sitemap) come from SOURCE_DATE_EPOCH, or else from the registry's newest date
# (see generator/mkdocs/generate_hook.py), so two builds of the same registry are byte-identical.
site: $(VENV)/.site-installed
	$(BIN)/askscope check --strict
	rm -rf .site-tmp .site-tmp-old
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	$(BIN)/askscope linkcheck .site-tmp
	if [ -e site ]; then mv site .site-tmp-old; fi
	mv .site-tmp site || { [ ! -e .site-tmp-old ] || mv .site-tmp-old site; exit 1; }
	rm -rf .site-tmp-old
	@echo "site built in site/ (open site/index.html, or run 'make serve')"

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

# --dirty: a save rebuilds only the pages whose Markdown changed (at 1,000 questions a full rebuild per save
# takes ~25 s). Navigation, search index and sitemap are then those of the first build plus the rebuilt
# pages; `make site` always builds everything. See README.md, Performance.
serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

lint: $(VENV)/.test-installed
	$(BIN)/ruff check generator tests bench requirements
	$(BIN)/mypy
	$(BIN)/mypy --strict bench requirements/try_versions.py

check: lint test

# Rewrite the committed JSON Schemas (registry/schema.json and registry/schema/<kind>.json, which entries
# name on their `# yaml-language-server: $$schema=` line) after a change to generator/registry/schema.py.
.PHONY: schema
schema: $(VENV)/.site-installed
	$(BIN)/askscope schema > registry/schema.json
	mkdir -p registry/schema
	for kind in question model paper tasks lock; do $(BIN)/askscope schema --kind $$kind > registry/schema/$$kind.json; done

# Performance benchmark (bench/run.py): prints its tables and writes bench/results.md.
# QUICK=1 (or `make bench-quick`) measures 100-2,000 questions in under two minutes and writes
# bench/results-quick.md instead, leaving the committed full results alone.
bench: $(VENV)/.test-installed
	$(BIN)/python -m bench.run $(if $(QUICK),--quick)

bench-quick:
	$(MAKE) bench QUICK=1

# Page weight only (bench/weight.py): bytes and requests of a cold visit to each kind of page of site/.
bench-weight: site $(VENV)/.test-installed
	$(BIN)/python -m bench.weight site

# Mermaid's ESM build from the npm registry (docs/assets/vendor/mermaid/README.md): the tarball must have
# MERMAID_SHA256; its dist/mermaid.esm.min.mjs and the chunks it imports replace the vendored copy, and
# SHA256SUMS lists them (tests/mkdocs/test_mermaid_vendor.py checks the files against it).
MERMAID_VERSION := 11.17.2
MERMAID_SHA256 := 6ad2f42c3fc26bbf9e45cbb6d11898972573ea52b33a5f4ff51952899f950ffd
MERMAID_DIR := docs/assets/vendor/mermaid
vendor-mermaid:
	rm -rf .mermaid-tmp && mkdir .mermaid-tmp
	cd .mermaid-tmp && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null
	echo "$(MERMAID_SHA256)  .mermaid-tmp/mermaid-$(MERMAID_VERSION).tgz" | sha256sum --check --quiet
	tar xzf .mermaid-tmp/mermaid-$(MERMAID_VERSION).tgz -C .mermaid-tmp
	rm -rf $(MERMAID_DIR)/chunks $(MERMAID_DIR)/*.js $(MERMAID_DIR)/*.mjs
	mkdir -p $(MERMAID_DIR)/chunks/mermaid.esm.min
	cp .mermaid-tmp/package/LICENSE .mermaid-tmp/package/dist/mermaid.esm.min.mjs $(MERMAID_DIR)/
	cp .mermaid-tmp/package/dist/chunks/mermaid.esm.min/*.mjs $(MERMAID_DIR)/chunks/mermaid.esm.min/
	cd $(MERMAID_DIR) && find . -name '*.mjs' -o -name LICENSE | sed 's|^\./||' | LC_ALL=C sort \
		| xargs sha256sum > SHA256SUMS
	rm -rf .mermaid-tmp

clean:
	rm -rf site .site-tmp .site-tmp-old $(VENV) .upstream .mermaid-tmp
