# Two commands on a fresh machine: `make report` and `make test`.
# The virtual environment is created here; nothing relies on what is installed globally.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA ?= data
# The demo chapter is frozen at this date: the report reads as it did then. AS_OF=today for today.
AS_OF ?= 2017-09-30

.PHONY: report test test-fast lint check bench format clean docs messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "capctl needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The report's language: `make report REPORT_LANG=es`; empty: capctl.yaml's language:. LANG is the shell's locale,
# so it is read only when given on make's command line (`make report LANG=es`), never from the environment.
ifeq ($(origin LANG),command line)
REPORT_LANG ?= $(LANG)
endif
REPORT_LANG ?=

report: $(STAMP)
	$(BIN)/capctl --data $(DATA) report --as-of $(AS_OF)$(if $(REPORT_LANG), --lang $(REPORT_LANG),)

check: $(STAMP)
	$(BIN)/capctl --data $(DATA) check

test: $(STAMP)
	$(BIN)/python -m pytest

# The tests that start no process (no git, pre-commit, python or forked writers): a quick loop while working.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not subprocess and not slow"

lint: $(STAMP)
	$(BIN)/ruff check capctl tests bench
	$(BIN)/ruff format --check capctl tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# `make bench` times capctl on generated chapters of sizes S, M and L and writes bench/RESULTS.md
# (L takes several minutes); `make bench QUICK=1` runs S and M only.
# beancount (bean-check) comes from the bench extra; hledger from the system (apt-get install hledger), skipped if absent.
BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py $(if $(QUICK),--quick,)

docs: $(STAMP)
	$(BIN)/python -m capctl.cli.docs

# The report's message catalogs (capctl/report/locale/): Babel extracts the messages of capctl/report/ into
# capctl.pot, merges them into each language's capctl.po (translate what is new or marked fuzzy there),
# and compiles each .po into the capctl.mo the report reads. tests/test_report_i18n.py checks all three are current.
LOCALE := capctl/report/locale
messages: $(STAMP)
	$(BIN)/pybabel extract --project=capctl --no-wrap --sort-output --add-location=file --omit-header -k Nn_:1,2 \
		-o $(LOCALE)/capctl.pot capctl/report
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching -D capctl -i $(LOCALE)/capctl.pot -d $(LOCALE)
	$(BIN)/pybabel compile --statistics -D capctl -d $(LOCALE)

format: $(STAMP)
	$(BIN)/ruff check --fix capctl tests bench
	$(BIN)/ruff format capctl tests bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
