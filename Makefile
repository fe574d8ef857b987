# One task runner for humans and CI. `make check` is what CI runs after installing.
PYTHON ?= python

.PHONY: install generate check-generated lint typecheck test check bench

install:  ## install the package with the course tools and the test tools (editable)
	$(PYTHON) -m pip install -e ".[course,test]"

generate:  ## regenerate exercises/ (and notebooks) from solutions/
	neurograde build

check-generated:  ## fail when anything generated is stale
	neurograde build --check

lint:
	ruff check .
	ruff format --check .

typecheck:
	mypy

test:
	$(PYTHON) -m pytest

check: check-generated lint typecheck test

bench:
	$(PYTHON) benchmarks/grade_reference.py
