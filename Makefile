# The two commands a new user needs: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := data/articles/putin-awards-kim-medal.txt

.PHONY: run test setup sysdeps gazetteer bench clean

# Libraries a real (xcb) Qt window needs that a fresh Debian machine lacks; offscreen runs
# never load them, so only `make run` asks for them.
XCB_PACKAGES := libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-image0 \
                libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 \
                libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libfontconfig1 libdbus-1-3

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

sysdeps:
	@missing=$$(for p in $(XCB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "mapper: install these for a real window: $$missing"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "mapper: a real window needs: sudo apt-get install $$missing"; fi

run: setup sysdeps
	$(VENV)/bin/mapper gui $(SAMPLE)

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) build dist *.egg-info
