# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

# Debian packages for the formats Python alone cannot read: .doc/.rtf/.odt (LibreOffice),
# scans (Tesseract); the review-report tests also drive headless Chromium, and tests that draw
# PDFs of their own use the DejaVu fonts (a path stands for a file the package installs).
READ_TOOLS := soffice=libreoffice-writer-nogui tesseract=tesseract-ocr
TEST_TOOLS := $(READ_TOOLS) chromium=chromium /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf=fonts-dejavu-core

.PHONY: demo test lint bench clean

$(BIN)/slippage: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

demo: $(BIN)/slippage
	@sh scripts/system-tools.sh $(READ_TOOLS)
	$(BIN)/slippage ingest samples/ --out $(OUT)
	@echo "Outputs: $(OUT)/ (CSV + Parquet tables, slippage.duckdb, review.html)"

test: $(BIN)/slippage
	@sh scripts/system-tools.sh $(TEST_TOOLS)
	$(BIN)/python -m pytest -q

lint: $(BIN)/slippage
	$(BIN)/ruff check extract normalise export slippage tests
	$(BIN)/mypy extract normalise export slippage

bench: $(BIN)/slippage
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
