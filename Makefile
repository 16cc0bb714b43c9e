# coursekit: two commands on a fresh machine with Python 3.11+.
#   make book   set up .venv with the pinned dependencies, build the default course into _build/html
#   make test   set up .venv, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test test-fast bench generate clean distclean

book: $(STAMP)
	$(BIN)/coursekit build

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

generate: $(STAMP)
	$(BIN)/coursekit generate

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coursekit needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (coursekit)" > /dev/null
	touch $(STAMP)

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV)
