# revai-langid: every task a developer or CI needs. Each target installs what it uses.
#   make demo             identify a real recording against the bundled fake server
#   make test             the whole test suite (installs Python and npm tools first)
#   make generate         regenerate generated/ from openapi.yaml
#   make check-generated  fail, naming the files, if generated/ is not what the
#                         pinned generator writes
#   make test-compat      the client tests again on the newest httpx allowed
#   make lint / typecheck / fuzz / bench

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPEC := openapi.yaml
PACKAGE := revai_langid_api
GENERATE = PATH="$(abspath $(BIN)):$$PATH" $(BIN)/openapi-python-client generate \
	--path $(SPEC) --config generator-config.yaml --custom-template-path templates \
	--meta none --overwrite --fail-on-warning

COMPAT_VENV := .venv-compat
COMPAT_TESTS := tests/test_client.py tests/test_client_resilience.py \
	tests/test_misuse.py tests/test_wire_faults.py tests/test_logging_and_secrets.py

.PHONY: demo test test-compat generate check-generated lint typecheck fuzz bench npm clean

$(STAMP): pyproject.toml requirements/dev.txt requirements/generate.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[cli]'
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

npm: node_modules/.installed

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

test: $(STAMP) node_modules/.installed lint typecheck
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-compat

$(COMPAT_VENV)/.installed: pyproject.toml requirements/compat.txt
	$(PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/compat.txt
	$(COMPAT_VENV)/bin/pip install --quiet --disable-pip-version-check -e .
	touch $(COMPAT_VENV)/.installed

test-compat: $(COMPAT_VENV)/.installed
	$(COMPAT_VENV)/bin/python -m pytest -q -p no:cacheprovider $(COMPAT_TESTS)

# Writes into a temporary folder first: a spec the generator chokes on leaves
# generated/ as it was, and files the generator no longer writes disappear.
generate: $(STAMP)
	@$(BIN)/python scripts/check_pins.py
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output-path "$$tmp/$(PACKAGE)" && \
	chmod -R u=rwX,go=rX "$$tmp/$(PACKAGE)" && \
	rm -rf generated/$(PACKAGE) && mkdir -p generated && \
	cp -R "$$tmp/$(PACKAGE)" generated/$(PACKAGE)

check-generated: $(STAMP)
	@$(BIN)/python scripts/check_pins.py
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output-path "$$tmp/$(PACKAGE)" >/dev/null && \
	if diff -rq -x __pycache__ "$$tmp/$(PACKAGE)" generated/$(PACKAGE); then \
		echo "generated/ matches what the pinned generator writes from $(SPEC)"; \
	else \
		echo "generated/ differs from the generator's output (files named above);" \
			"run 'make generate' and commit, never edit generated/ by hand" >&2; \
		exit 1; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check facade tests scripts
	$(BIN)/ruff format --check facade tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

fuzz: $(STAMP)
	REVAI_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest tests/test_fuzz_responses.py -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) $(COMPAT_VENV) node_modules
