# Two commands for a fresh machine with Python 3.11+ and make:
#   make demo   set up, ingest the sample papers, open the chat
#   make test   set up and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOME_DEMO ?= var/demo
STAMP  := $(VENV)/.installed

.PHONY: install demo test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first, pinned: 2.13.0 is the CPU build; an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[ui,eval,samples,openai,test]'
	touch $@

install: $(STAMP)

samples/papers/ciw-inspection-childrens-services-2025.pdf: samples/make_samples.py $(STAMP)
	$(BIN)/python samples/make_samples.py samples/papers

demo: install samples/papers/ciw-inspection-childrens-services-2025.pdf
	$(BIN)/cofnod ingest samples/papers --root samples --home $(HOME_DEMO)
	$(BIN)/cofnod serve --home $(HOME_DEMO)

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
/usr/bin/chromium:
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

# OCR of scanned PDFs uses Debian's Tesseract, with its English and Welsh data.
/usr/bin/tesseract:
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym; fi

test: install /usr/bin/chromium /usr/bin/tesseract
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var build *.egg-info
