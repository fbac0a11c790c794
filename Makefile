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

demo: $(BIN)/.installed
	$(BIN)/augment validate examples/data/sample.jsonl
	HF_HUB_OFFLINE=1 $(BIN)/finetune experiment --models tiny-bert --train-sets danetqa --seeds 1,2 \
		--data examples/data/sample.jsonl --epochs 2 --warmup-steps 0 --learning-rate 1e-3 -o runs/demo

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
