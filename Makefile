# Two commands: `make run` starts the dashboard, `make test` runs the linter and the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint lock sample bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lock files pin every package (made by `make lock` from requirements*.txt): what runs is what was tested.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/python -m partnerlib.serve --server.headless true --server.port $(PORT) --browser.gatherUsageStats false

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Re-resolve the pinned versions within the bounds of requirements.txt and requirements-dev.txt.
lock: $(VENV)/.installed-dev
	$(BIN)/uv pip compile --quiet --python-version 3.11 requirements.txt -o requirements.lock
	$(BIN)/uv pip compile --quiet --python-version 3.11 requirements-dev.txt -o requirements-dev.lock

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
