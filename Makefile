# Two commands do all the set-up on a fresh machine: `make demo` (the main job) and `make test`.
VENV ?= .venv
PYTHON ?= python3
TORCH ?= torch==2.13.0
BIN := $(VENV)/bin

.PHONY: demo test lint mutation clean

$(BIN)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e ".[all,dev]"
	touch $@

# the main job on the embedded sample: negate and reframe its questions (a few pairs and the summary),
# then fine-tune a tiny model on the original and the augmented set and print the study's table
demo: $(BIN)/.installed
	$(BIN)/augment negate examples/data/sample.jsonl -o outputs/sample_negated.jsonl --show 5
	HF_HUB_OFFLINE=1 $(BIN)/finetune experiment --models tiny-bert --train-sets danetqa,danetqa+rb --seeds 1,2 \
		--data examples/data/sample.jsonl --epochs 2 --warmup-steps 0 --learning-rate 1e-3 -o outputs/demo

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .

# mutation testing of the rules (not in CI): a fixed sample of mutmut's mutants, scored per module
mutation: $(BIN)/.installed
	$(BIN)/pip install --quiet -e ".[mutation]"
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/python benchmarks/mutation_score.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache mutants
