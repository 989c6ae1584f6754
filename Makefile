# Two commands: `make run` starts the dashboard, `make test` runs the linter and the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint sample bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/python -m partnerlib.ui.serve --server.headless true --server.port $(PORT) --browser.gatherUsageStats false

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

sample: $(VENV)/.installed
	$(BIN)/python -m partnerlib sample

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/read_bench.py
	$(BIN)/python bench/dashboard_bench.py
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/pdf_bench.py
	$(BIN)/python bench/browser_bench.py
	$(BIN)/python bench/load_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
