# Chancery. `make run` starts the system with demo data; `make test` runs the whole test suite.
# Needs only Python 3.11, make and Node.js/npm; everything else is installed here, into .venv
# and node_modules (Debian's Chromium, LibreOffice, gettext and poppler-utils for the tests via
# apt-get when run as root).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
CHANCERY := $(BIN)/chancery
PORT ?= 8000
export PORT

.PHONY: run test install install-test frontend chromium office pango gettext poppler nginx lint messages openapi clean bench audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Reinstall only when a lock file changes (the stamp remembers the last install).
# --no-compile: pip byte-compiled every installed module (botocore's thousands included), a large
# part of the install's CPU on a first run; Python compiles what it imports, once, on first import.
$(VENV)/.installed-base: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --no-compile -r requirements/base.txt
	$(BIN)/pip install --quiet --no-compile --no-deps -e .
	@touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed-base
	$(BIN)/pip install --quiet -r requirements/test.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed-base node_modules/.installed
install-test: $(VENV)/.installed-test node_modules/.installed chromium office pango gettext poppler nginx

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's Chromium for the browser tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; \
	else \
		echo "The browser tests need Debian's Chromium: run  sudo apt-get install -y chromium"; exit 1; \
	fi

# LibreOffice (headless) makes PDF renditions of DOCX/ODT. Optional for `make run` (the system says
# when it is missing); the tests need it.
office:
	@if command -v soffice >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing LibreOffice (headless) for PDF renditions"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui; }; \
	else \
		echo "PDF renditions need LibreOffice: run  sudo apt-get install -y libreoffice-writer-nogui"; exit 1; \
	fi

# Pango draws the text of the PDF progress reports (WeasyPrint). Chromium and LibreOffice bring it;
# this makes sure on a machine that has neither.
pango:
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpangoft2-1.0-0 >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpangoft2-1.0-0; }; \
	else \
		echo "PDF reports need Pango: run  sudo apt-get install -y libpangoft2-1.0-0"; exit 1; \
	fi

# Poppler's tools read our PDFs independently in the tests: pdfsig checks our PAdES signatures
# (core/tests/test_pades.py), pdftoppm renders a progress report to pixels (its chart colours).
# Not needed to run the system.
poppler:
	@if command -v pdftoppm >/dev/null 2>&1 && command -v pdfsig >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils; }; \
	else \
		echo "The tests need poppler-utils (pdftoppm for report colours, pdfsig to check signatures independently): run  sudo apt-get install -y poppler-utils"; exit 1; \
	fi

# nginx from Debian: the reference deployment's test (operations/tests/test_deployment.py) brings up
# deploy/nginx/chancery.conf in front of two web processes. Not needed to run the system.
nginx:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; }; \
	else \
		echo "The deployment test needs nginx: run  sudo apt-get install -y nginx"; exit 1; \
	fi

# GNU gettext (xgettext, msgmerge, msgattrib) extracts the messages to translate from the code:
# `make messages` and the test that every message is translated. Not needed to run the system
# (the compiled .mo is committed and compiled with polib).
gettext:
	@if command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's gettext to extract the messages to translate"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gettext >/dev/null 2>&1 || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gettext; }; \
	else \
		echo "Extracting the messages to translate needs GNU gettext: run  sudo apt-get install -y gettext"; exit 1; \
	fi

# The demo queues what it derives (the texts of its documents, the search index, its PDF progress
# report, the licence service's archive with its sealed letters): the worker started with the server
# makes it once the first page is served (search is answered by the database until the index is
# built; the report shows as being made). No collectstatic: outside production WhiteNoise serves the
# static files from the apps (settings: WHITENOISE_USE_FINDERS); a deployment collects them.
run: install
	-@$(MAKE) --no-print-directory office
	-@$(MAKE) --no-print-directory pango
	$(CHANCERY) migrate --noinput -v0
	$(CHANCERY) demo
	$(CHANCERY) serve --with-worker --port $(PORT)

test: install-test
	$(BIN)/ruff check .
	PYTHONPATH=src $(BIN)/lint-imports --no-cache
	$(CHANCERY) makemigrations --check --dry-run -v0
	DJANGO_ENV=test $(BIN)/python -m pytest -n 2 --durations=25 -q $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The Dutch catalogue src/chancery/locale/nl/LC_MESSAGES/django.po is the only source of the
# translations. `make messages` brings it up to date with the code (new msgids come in
# untranslated, changed ones come in fuzzy with their old translation, removed ones go), then
# compiles it; translate what is new or fuzzy in the .po (and drop the fuzzy flag) and run it again.
# Only the django domain: no JavaScript of ours is translated (no djangojs catalogue is served).
# --no-location: no "#: file:line" comments, so a diff of the .po shows only msgids and
#   translations that changed, not every line number moved by an edit elsewhere (grep the code
#   for a msgid to find where it is used).
# --no-obsolete: a msgid gone from the code leaves the catalogue (git keeps its translation)
#   instead of piling up as "#~" entries.
# Run from src/chancery so that only our code is read and its locale/ is the one written.
messages: $(VENV)/.installed-test gettext
	cd src/chancery && PYTHONPATH=$(abspath src) $(abspath $(CHANCERY)) makemessages --locale nl --domain django --no-location --no-obsolete
	$(BIN)/python -m chancery.core.i18n_compile

# Rewrite the committed OpenAPI document after a change of the API (a test compares it with the code;
# review the diff: it is the change of the public contract). English, the same on every database.
openapi: $(VENV)/.installed-base
	$(CHANCERY) spectacular --lang en --validate --fail-on-warn --file src/chancery/api/openapi.yaml

# make bench SCALE=1.0 DB=postgres: builds (once) and measures a generated archive; see bench/README.md.
SCALE ?= 0.01
DB ?= postgres
bench: install-test
	$(BIN)/python bench/run.py --scale $(SCALE) --db $(DB)

# Known vulnerabilities in the locked dependencies (docs/THREAT-MODEL.md): pip-audit on the Python
# locks and npm audit on package-lock.json. They ask PyPI's per-release JSON API and the npm
# advisories endpoint, which this workplace's build machines cannot reach, so this is not part of
# `make test`; run it where those services answer. pip-audit lives in its own venv: its
# dependencies are not ours.
AUDIT_VENV := .venv-audit
audit:
	test -x $(AUDIT_VENV)/bin/pip-audit || (python3 -m venv $(AUDIT_VENV) && $(AUDIT_VENV)/bin/pip install -q pip-audit==2.10.1)
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip -r requirements/base.txt -r requirements/test.txt
	npm audit --package-lock-only

clean:
	rm -rf $(VENV) $(AUDIT_VENV) node_modules var
