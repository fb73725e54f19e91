# One-command set-up: every target creates the virtual environment it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf demo-output
	$(BIN)/misp-report convert tests/data/reports -o demo-output/events
	@echo "MISP events written to demo-output/events/ (load one in MISP: Events > Import from... > MISP JSON)"

test: $(STAMP)
	$(BIN)/ruff check misp_module tests
	$(BIN)/ruff format --check misp_module tests
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check misp_module tests
	$(BIN)/ruff format --check misp_module tests

format: $(STAMP)
	$(BIN)/ruff format misp_module tests
	$(BIN)/ruff check --fix misp_module tests

bench: $(STAMP)
	$(BIN)/python tests/bench/run.py

clean:
	rm -rf $(VENV) demo-output build dist *.egg-info
