# bilatdesk: two commands on a fresh machine, `make run` and `make test` (see DESIGN.md).
# Every target that runs project code first makes sure .venv exists and holds the project
# installed editable with its test and dev extras; the stamp is redone when pyproject.toml
# changes.

PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help venv run test test-heavy bench lint lint-ruff lint-mypy lint-imports clean distclean

help:
	@echo "make run        open the app (.venv is created and installed first)"
	@echo "make test       the whole suite, offscreen; extra pytest options in PYTEST_ARGS=..."
	@echo "make test-heavy the long lane: 300 random kills (not run by CI)"
	@echo "make bench      the benchmarks against their floors (benchmarks/)"
	@echo "make lint       ruff, mypy (strict core) and import-linter contracts"
	@echo "make venv       only create/update .venv"
	@echo "make clean      remove caches and build output; distclean also removes .venv"

$(STAMP): pyproject.toml
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -e '.[test,dev]'
	@touch $@

venv: $(STAMP)

# The bytecode first, as an installed program has it: with PYTHONDONTWRITEBYTECODE set
# (as on the team's machines) every start would compile its modules from source (150 ms).
run: $(STAMP)
	@$(VPY) -m compileall -q bilatdesk >/dev/null
	$(VPY) -m bilatdesk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest $(PYTEST_ARGS)

# The long lane: 300 random kills across edits, imports, backups, passphrase changes and
# migrations (about 10 minutes on 2 cores); not part of `make test`.
test-heavy: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -m heavy $(PYTEST_ARGS)

bench: $(STAMP)
	$(VPY) -m benchmarks.run

# `make -k lint` runs all three checks even when one fails.
lint: lint-ruff lint-mypy lint-imports

lint-ruff: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lint-mypy: $(STAMP)
	$(VENV)/bin/mypy

lint-imports: $(STAMP)
	$(VENV)/bin/lint-imports

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
