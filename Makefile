# Two commands on a fresh clone: `make run` and `make test` (see README "Quick start").
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT ?= build/samples-dataset

.PHONY: run test setup clean bench evaluate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,notebooks]'
	touch $(STAMP)

setup: $(STAMP)

## run the main job on the bundled samples and print what was extracted
run: $(STAMP)
	$(BIN)/policy-nlp extract corpus/samples -o $(OUT)
	$(BIN)/policy-nlp sql $(OUT) "select a.title, count(f.text) as facts from articles a left join facts f using (article_id) group by a.title order by a.title"
	$(BIN)/policy-nlp sql $(OUT) "select text, indicator, value, unit, kind, modality, period, region from facts order by article_id, start" --limit 15
	$(BIN)/policy-nlp sql $(OUT) "select label, count(*) as mentions, count(distinct text) as distinct_names from entities group by label order by label"
	$(BIN)/policy-nlp evaluate --gold corpus/gold --raw corpus/samples

## the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## accuracy on the shared gold (needs ../shared)
evaluate: $(STAMP)
	$(BIN)/policy-nlp evaluate --gold ../shared/corpus/gold --raw ../shared/corpus/raw

## speed against plain jieba (needs ../shared)
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build .pytest_cache
