# One entry point for each chore. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: setup run test lint bench eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,spark]"
	touch $(STAMP)

# The main job on the project's own sample articles: ingest (actors, events, stories), list,
# show one, compare the largest story across outlets, export the events and actor network.
DB := sqlite:///out/samples.db
run: setup
	mkdir -p out
	$(BIN)/crosswire ingest samples --db $(DB)
	$(BIN)/crosswire articles --db $(DB)
	$(BIN)/crosswire show $$($(BIN)/crosswire articles --db $(DB) --json --limit 1 | $(BIN)/python -c "import json,sys; print(json.loads(sys.stdin.readline())['id'])") --db $(DB)
	$(BIN)/crosswire stories --db $(DB)
	$(BIN)/crosswire compare $$($(BIN)/crosswire stories --db $(DB) --json | $(BIN)/python -c "import json,sys; print(max((json.loads(l) for l in sys.stdin), key=lambda s: len(s['article_ids']))['id'])") --db $(DB) -o out/story.html
	$(BIN)/crosswire events --db $(DB) --limit 10
	$(BIN)/crosswire export events --db $(DB) -o out/events.csv
	$(BIN)/crosswire export network --db $(DB) -o out/actors.graphml
	$(BIN)/crosswire extract samples -o out/samples.jsonl
	@echo "wrote out/samples.db, out/story.html, out/events.csv, out/actors.graphml and out/samples.jsonl"

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/bench_extract.py --corpus allsides --limit 1000
	$(BIN)/python bench/bench_extract.py --limit 300
	$(BIN)/python bench/eval_extraction.py --split final
	$(BIN)/python bench/eval_lines.py --split final
	$(BIN)/python bench/bench_nlp.py --limit 500
	$(BIN)/python bench/eval_events.py
	$(BIN)/python bench/eval_stories.py
	$(BIN)/python bench/bench_stories.py
	$(BIN)/python bench/eval_compare.py --limit 60
	$(BIN)/python bench/bench_scale.py --limit 300 --spark

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
