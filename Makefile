# One entry point for users, maintainers and CI. Every target works from a fresh clone:
# each depends on `install`, which builds .venv from pinned versions (constraints.txt).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
GEN_DIR := generated/twilio-receipts
# The generator formats its output with the ruff on PATH: ours, pinned, never the machine's.
GENERATE = PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate \
	--path openapi.yaml --config generator-config.yml \
	--custom-template-path templates --meta uv --fail-on-warning

.PHONY: help install generate check-generated lint typecheck test demo emulator bench soak clean

help:
	@echo "make demo             regenerate, start the emulator with demo data, list receipts"
	@echo "make test             all tests, lint, type checks and the generated-code drift check"
	@echo "make generate         rewrite $(GEN_DIR) from openapi.yaml + templates/"
	@echo "make check-generated  fail if regenerating would change $(GEN_DIR); mypy --strict on it"
	@echo "make lint             ruff + mypy on our own code"
	@echo "make emulator         run the emulator with demo data on 127.0.0.1:4010"
	@echo "make bench            benchmarks (prints a table, writes bench/results/)"
	@echo "make soak             the large reliability runs (load, bad input)"

install: $(STAMP)

# The generated pyproject.toml is rewritten by every `make generate`: depend on what its
# content comes from instead, so that regenerating does not force a reinstall.
$(STAMP): pyproject.toml constraints.txt emulator/pyproject.toml templates/pyproject_uv.toml.jinja generator-config.yml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==26.3
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		-e . -e ./emulator -e ./$(GEN_DIR)
	touch $@

# Delete, then generate: the generator's --overwrite keeps stale files outside api/ and models/.
generate: install
	rm -rf $(GEN_DIR)
	$(GENERATE) --output-path $(GEN_DIR)
	rm -rf $(GEN_DIR)/.ruff_cache

check-generated: install
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GENERATE) --output-path "$$tmp/out" >/dev/null; \
	rm -rf "$$tmp/out/.ruff_cache"; \
	if ! diff -ru $(GEN_DIR) "$$tmp/out" -x '*.egg-info' -x '__pycache__'; then \
		echo "generated/ differs from what openapi.yaml + templates/ produce: run make generate" >&2; \
		exit 1; \
	fi; \
	echo "generated/ is up to date"
	$(BIN)/mypy --strict $(GEN_DIR)/twilio_receipts

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy emulator/twilio_receipts_emulator scripts bench tests

test: install check-generated lint
	$(BIN)/pytest -n 2 --dist worksteal

demo: generate
	$(PY) scripts/demo.py

emulator: install
	$(BIN)/twilio-receipts-emulator --demo --port 4010

bench: install
	$(PY) -m bench

soak: install
	$(PY) -m bench.soak

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis bench/results/*.tmp
