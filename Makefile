# Targets for developers and CI. `make test` installs the test servers and runs
# every test among them; PKG and TESTFLAGS narrow it, e.g.
#   make test PKG=./internal/postgres/... TESTFLAGS="-run TestImport -v"

PKG ?= ./...
TESTFLAGS ?=
TOOLS_BIN := $(CURDIR)/.tools/bin

.PHONY: test tools vet fmt build openapi demo bench

test: tools
	INNSYN_TOOLS_BIN="$(TOOLS_BIN)" go run ./internal/testenv/harness -- go test -count=1 -timeout 20m $(TESTFLAGS) $(PKG)

tools:
	bash scripts/install-test-tools.sh

vet:
	go vet ./...

# Lists unformatted files and fails if there are any.
fmt:
	@files="$$(find . \( -path ./.git -o -path ./.tools -o -path ./innsyn-data \) -prune -o -name '*.go' -print | xargs -r gofmt -l)"; \
	if [ -n "$$files" ]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$files"; exit 1; fi

build:
	CGO_ENABLED=0 go build -o innsyn ./cmd/innsyn

# Via a temporary file, so that a failure leaves the committed spec intact.
openapi:
	go run ./cmd/innsyn openapi > openapi/openapi.yaml.tmp && mv openapi/openapi.yaml.tmp openapi/openapi.yaml \
		|| { rm -f openapi/openapi.yaml.tmp; exit 1; }

demo:
	go run ./cmd/innsyn demo

# The search benchmark (see BENCHMARKS.md): installs wrk, then generates a
# journal (1,000,000 entries unless BENCHFLAGS says otherwise) and measures.
BENCHFLAGS ?=
bench:
	bash scripts/install-bench-tools.sh
	go run ./cmd/innsyn bench $(BENCHFLAGS)
