# One-command set-up: every target creates the virtual environment it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf demo-output
	$(BIN)/misp-report convert tests/data/reports -o demo-output/events
	$(BIN)/misp-report sync tests/data/reports --sink feed --feed-dir demo-output/feed --state-dir demo-output/state
	$(BIN)/misp-report sync tests/data/reports --sink feed --feed-dir demo-output/feed --state-dir demo-output/state
	@echo
	@echo "MISP events: demo-output/events/  (MISP: Events > Import from... > MISP JSON)"
	@echo "MISP feed:   demo-output/feed/    (MISP: Sync Actions > Feeds > Add Feed: source format MISP Feed, input source Local)"
	@echo "The second sync changed nothing: unchanged reports cost no write."

# Two worker processes: every test is safe to run beside another (free ports, tmp_path, the MISP double and the
# misp-modules server per worker, cache files written atomically); about half the wall time on two cores.
# --dist loadgroup: as --dist load, except that a module marked xdist_group runs on one worker, so that its costly
# module fixture is built once.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python tests/bench/run.py

# The whole-pipeline property test on 60,000 generated reports, about five minutes (make test runs 60).
fuzz: $(STAMP)
	MISP_REPORT_FUZZ_EXAMPLES=60000 $(BIN)/pytest -q -p no:cacheprovider tests/test_pipeline_properties.py

clean:
	rm -rf $(VENV) demo-output build dist *.egg-info
