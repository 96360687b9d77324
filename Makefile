# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test lint bench clean

$(BIN)/slippage: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

demo: $(BIN)/slippage
	$(BIN)/slippage ingest samples/ --out $(OUT)
	@echo "Outputs: $(OUT)/ (CSV + Parquet tables, slippage.duckdb, review.html)"

test: $(BIN)/slippage
	$(BIN)/python -m pytest -q

lint: $(BIN)/slippage
	$(BIN)/ruff check extract normalise export slippage tests
	$(BIN)/mypy extract normalise export slippage

bench: $(BIN)/slippage
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
