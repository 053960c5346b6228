# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export RAR_CORPUS ?= $(abspath ../shared/corpus)
SUMMARIZER ?= gemma-lora

.PHONY: run test test-fast bench lint evaluate install clean package

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24"
	# torch first and pinned: the CPU wheel on local disk (an unpinned torch pulls GBs of CUDA)
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -c constraints.txt -e ".[summarize,evaluate,ray,archive,dev]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: $(STAMP)
	rm -f runs/sample.jsonl runs/sample.jsonl.manifest.jsonl runs/errors.jsonl
	$(VENV)/bin/rar-nlp label nlp/data/sample/referat_eksempel.txt --out runs/sample.jsonl \
		--summarizer $(SUMMARIZER) --table

test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

bench: $(STAMP)
	$(PY) -m benchmarks

evaluate: $(STAMP)
	$(PY) evaluate.py

# The spaCy pipeline package da_rar_nlp (wheel under dist/da_rar_nlp-<version>/dist/).
package: $(STAMP)
	$(PY) training/package.py --out dist

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) runs .pytest_cache
