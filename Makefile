# The two commands a new user needs: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := data/articles/putin-awards-kim-medal.txt

.PHONY: run test setup gazetteer bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project description changes (idempotent and quick on a second run).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --upgrade pip >/dev/null
	$(PY) -m pip install -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

gazetteer: setup
	$(VENV)/bin/mapper gazetteer build

run: setup
	$(VENV)/bin/mapper geoparse $(SAMPLE)

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) build dist *.egg-info
