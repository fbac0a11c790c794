# Two commands do all the set-up on a fresh machine: `make demo` (the main job) and `make test`.
VENV ?= .venv
PYTHON ?= python3
TORCH ?= torch==2.13.0
BIN := $(VENV)/bin

.PHONY: demo test lint clean

$(BIN)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e ".[all,dev]"
	touch $@

# the main job: negate and reframe the sample's questions, show a few pairs and the summary
demo: $(BIN)/.installed
	$(BIN)/augment negate examples/data/sample.jsonl -o outputs/sample_negated.jsonl --balance --show 5

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
