# One task runner for humans and CI. `make check` is what CI runs after installing.
PYTHON ?= python
# The coverage report `make test` prints: the engine and the content, missing lines listed.
COVERAGE = --cov=neurograde --cov=graders --cov-report=term-missing:skip-covered

.DEFAULT_GOAL := help
.PHONY: help install generate check-generated lint typecheck test test-fast check bench

help:  ## list the targets and what each does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install:  ## install the package with the course tools and the test tools (editable)
	$(PYTHON) -m pip install -e ".[course,test]"

generate:  ## regenerate exercises/ and the course's source notebooks from solutions/ and notebooks/
	neurograde build

check-generated:  ## fail when anything generated is stale
	neurograde build --check

lint:  ## ruff: lint and formatting, checked (pre-commit fixes them)
	ruff check .
	ruff format --check .

typecheck:  ## strict mypy on the engine, the content, the solutions, the tests and the benchmarks
	mypy

# Tests run on every core (pytest-xdist); the slowest are named at the end, to keep CI short.
PARALLEL = -n auto --durations=15

test:  ## the whole test suite, slow end-to-end tests included, with a coverage report
	$(PYTHON) -m pytest $(PARALLEL) $(COVERAGE)

test-fast:  ## the tests not marked slow, without coverage (a few minutes)
	$(PYTHON) -m pytest $(PARALLEL) -m "not slow"

check: check-generated lint typecheck test  ## what CI runs: generated files fresh, lint, types, tests

bench:  ## time grading the reference submission in process
	$(PYTHON) benchmarks/grade_reference.py
