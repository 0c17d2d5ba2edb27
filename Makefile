# Every target calls a script; CI runs the same targets. A fresh machine needs Python 3.11+,
# make and Node.js: uv (pinned) and the npm tools (package-lock.json) are installed on first use.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/venv/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
RUN := $(UV) run --locked --no-progress

.PHONY: help setup demo test lint generate check-generated contract mock bench docs update-spec clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required (set PYTHON=...)" or 0)'
	$(PYTHON) -m venv .tools/venv
	.tools/venv/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --locked --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: .venv/.synced node_modules/.installed ## install the Python and Node.js dev tools

demo: .venv/.synced ## a v3 photo avatar, then a v2 training, against the bundled local fake
	$(RUN) scripts/demo

test: setup ## run every check: lint, generated-code drift, unit, contract and Prism tests
	$(RUN) scripts/test

lint: .venv/.synced ## ruff and mypy --strict over heygen/, scripts/, tests/, bench/
	$(RUN) scripts/lint

generate: .venv/.synced ## apply overlays and regenerate generated/
	$(RUN) python scripts/generate.py

check-generated: .venv/.synced ## fail if generated/ is stale or hand-edited
	$(RUN) python scripts/generate.py --check

update-spec: setup ## take HeyGen's new spec: make update-spec SPEC=new.json|page.md [ARGS=--accept-breaking]
	@test -n "$(SPEC)" || { echo "usage: make update-spec SPEC=path/to/new-spec.json [ARGS=--accept-breaking]" >&2; exit 2; }
	$(RUN) python scripts/update_spec.py $(ARGS) "$(SPEC)"

docs: .venv/.synced ## build the documentation site into site/
	NO_MKDOCS_2_WARNING=1 $(RUN) mkdocs build --strict --quiet
	@echo "Built the documentation into site/ (open site/index.html)."

bench: .venv/.synced ## benchmarks: SDK overhead next to raw httpx, imports, memory, polling (a few minutes; ARGS="--only async")
	$(RUN) python -m bench $(ARGS)

contract: setup ## contract tests only (spec, fixtures, Prism, schemathesis against the fake)
	$(RUN) pytest tests/contract tests/mock tests/testing/test_schemathesis.py --durations=5

mock: setup ## Prism on the corrected spec, free 127.0.0.1 port (ARGS="--provided", "--daemon", "--port N")
	$(RUN) scripts/mock $(ARGS)

clean: ## remove tool installs and caches
	rm -rf .venv .tools node_modules dist build site .coverage .mypy_cache .ruff_cache .hypothesis
