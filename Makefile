# Everything needs only Go: tools run through `go run pkg@version`.
GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT   := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
# The peers the bench/ module compares with, pinned.
OGEN        := github.com/ogen-go/ogen/cmd/ogen@v1.24.0
OAPICODEGEN := github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2
# The race detector needs cgo and a C compiler; use it when the machine has them.
RACE        := $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null 2>&1 && echo -race)
FUZZTIME    ?= 60s
# The real-world specs make corpus reads, in place.
CORPUS      ?= ../shared/corpus/specs
CORPUS3     ?= ../shared/corpus/specs3
SWAGGER2    ?= ../shared/corpus/swagger2
# The oldest Go we support (go.mod's go line); make compat tests with it.
COMPAT_GO   ?= go1.25.0
# The twins of the generated packages (-json=stdlib), whose differential
# fuzzers hold the generated JSON codecs against encoding/json.
TWINS       := foundry params models routes checks semantics hostile sdk stream
# The corpus specs whose generated servers make corpus holds against
# openapi3filter (internal/difftest).
DIFFTEST_SPECS ?= redocly__museum.yaml,swagger-api__petstore3.yaml,oai-learn__v3.0_petstore-expanded.yaml
# Where make sandbox listens.
ADDR        ?= 127.0.0.1:8080

.PHONY: all generate test downstream otel test-short check fresh fmt vet staticcheck compat fuzz bench bench-peers compile-cost sandbox corpus fidelity

all: generate test

## generate: regenerate generated/ from spec/openapi.yaml, the e2e packages, the twins, the bench package and the downstream example's
generate:
	$(GO) generate ./generated/... ./internal/e2e/...
	$(GO) run ./internal/twins
	$(GO) run ./cmd/gen -spec bench/spec.yaml -out bench/ours -package ours
	cd examples/downstream && $(GO) generate ./...

## test: every test, with the race detector when cgo is available, the tests of the generated packages again with -json=stdlib, the downstream and OpenTelemetry examples, and short runs of the spec-text and strict-decode fuzzers
test: downstream otel
	$(GO) test $(RACE) ./...
	$(GO) run ./internal/stdlibjson $(RACE)
	$(GO) test -run '^$$' -fuzz '^FuzzSpecText$$' -fuzztime 20s -fuzzminimizetime 1x ./generator/
	$(GO) test -run '^$$' -fuzz '^FuzzStrictDecode$$' -fuzztime 10s -fuzzminimizetime 1x ./generated/foundry/
	$(GO) test -run '^$$' -fuzz '^FuzzStrictDecode$$' -fuzztime 10s -fuzzminimizetime 1x ./internal/e2e/checks/

## downstream: the example downstream module (examples/downstream): its generated package is fresh, `go generate` runs as the README says, its test passes
downstream:
	cd examples/downstream && $(GO) tool gen -spec api/openapi.yaml -out notes -package notes -check
	cd examples/downstream && $(GO) generate ./...
	cd examples/downstream && $(GO) vet ./... && $(GO) test $(RACE) ./...

## otel: the OpenTelemetry example (examples/otel, a module of its own): otelhttp on both sides of the Foundry package, spans named after operations
otel:
	cd examples/otel && $(GO) vet ./... && $(GO) test $(RACE) ./...

## test-short: the quick tests (golden comparison and freshness, no compile of golden output)
test-short:
	$(GO) test -short ./...

## check: generated/ is fresh, every Go file is gofmt'd, go vet (the bench module too) and staticcheck are clean
check: fresh fmt vet staticcheck

fresh:
	$(GO) run ./cmd/gen -spec spec/openapi.yaml -out generated/foundry -package foundry -check
	$(GO) run ./cmd/gen -spec internal/e2e/params/spec.yaml -out internal/e2e/params -package params -check
	$(GO) run ./cmd/gen -spec internal/e2e/models/spec.yaml -out internal/e2e/models -package models -generate types -check
	$(GO) run ./cmd/gen -spec internal/e2e/routes/spec.yaml -out internal/e2e/routes -package routes -check
	$(GO) run ./cmd/gen -spec internal/e2e/checks/spec.yaml -out internal/e2e/checks -package checks -split on -check
	$(GO) run ./cmd/gen -spec internal/e2e/semantics/spec.yaml -out internal/e2e/semantics -package semantics -check
	$(GO) run ./cmd/gen -spec internal/e2e/hostile/spec.yaml -out internal/e2e/hostile -package hostile -generate types,client -check
	$(GO) run ./cmd/gen -spec internal/e2e/sdk/spec.yaml -out internal/e2e/sdk -package sdk -split on -check
	$(GO) run ./cmd/gen -spec internal/e2e/stream/spec.yaml -out internal/e2e/stream -package stream -check
	$(GO) run ./cmd/gen -spec internal/e2e/growth/v1/spec.yaml -out internal/e2e/growth/v1 -package v1 -check
	$(GO) run ./cmd/gen -spec internal/e2e/growth/v2/spec.yaml -out internal/e2e/growth/v2 -package v2 -check
	$(GO) run ./internal/twins -check
	$(GO) run ./cmd/gen -spec bench/spec.yaml -out bench/ours -package ours -check

fmt:
	@out=$$(git ls-files '*.go' | grep -v /testdata/ | xargs gofmt -l); if [ -n "$$out" ]; then echo "gofmt -l:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	cd bench && $(GO) vet ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...
	cd examples/downstream && $(GO) run $(STATICCHECK) ./...
	cd examples/otel && $(GO) run $(STATICCHECK) ./...

## compat: build, vet and test everything, generated packages, golden outputs and the downstream example included, with the oldest Go we support ($(COMPAT_GO), fetched from the module proxy)
compat:
	GOTOOLCHAIN=$(COMPAT_GO) $(GO) version
	GOTOOLCHAIN=$(COMPAT_GO) $(GO) vet ./...
	GOTOOLCHAIN=$(COMPAT_GO) $(GO) test ./...
	cd examples/downstream && GOTOOLCHAIN=$(COMPAT_GO) $(GO) tool gen -spec api/openapi.yaml -out notes -package notes -check
	cd examples/downstream && GOTOOLCHAIN=$(COMPAT_GO) $(GO) vet ./... && GOTOOLCHAIN=$(COMPAT_GO) $(GO) test ./...

## fuzz: the fuzz targets, FUZZTIME each: random valid specs (generate, vet, round-trip instances, server accepts valid bodies), spec text in generated code, the comment sanitiser, the strict JSON pass against encoding/json, the generated server's request decoding, the generated JSON decoders, the generated JSON codecs against encoding/json (differential, per twin), Decimal, the client's response reader, the Foundry server against openapi3filter (3,000 requests an operation), naming, the server-sent events parser against a reference reading
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzSpecShape$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 1x ./internal/specfuzz/
	$(GO) test -run '^$$' -fuzz '^FuzzSpecText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 1x ./generator/
	$(GO) test -run '^$$' -fuzz '^FuzzBlockYAML$$' -fuzztime $(FUZZTIME) ./generator/load/
	$(GO) test -run '^$$' -fuzz '^FuzzLines$$' -fuzztime $(FUZZTIME) ./generator/comment/
	$(GO) test -run '^$$' -fuzz '^FuzzStrictDecode$$' -fuzztime $(FUZZTIME) ./generated/foundry/
	$(GO) test -run '^$$' -fuzz '^FuzzStrictDecode$$' -fuzztime $(FUZZTIME) ./internal/e2e/checks/
	$(GO) test -run '^$$' -fuzz '^FuzzRequest$$' -fuzztime $(FUZZTIME) ./internal/sandbox/
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./internal/e2e/models/
	$(GO) test -run '^$$' -fuzz '^FuzzDecoder$$' -fuzztime $(FUZZTIME) ./oasrt/
	$(GO) test -run '^$$' -fuzz '^FuzzDecimal$$' -fuzztime $(FUZZTIME) ./generated/foundry/
	$(GO) test -run '^$$' -fuzz '^FuzzReadResponse$$' -fuzztime $(FUZZTIME) ./oasrt/
	DIFFTEST_N=3000 $(GO) test -count 1 -run '^TestAgainstOpenapi3filter$$' ./internal/difftest/
	$(GO) test -run '^$$' -fuzz '^FuzzExported$$' -fuzztime $(FUZZTIME) ./generator/names/
	$(GO) test -run '^$$' -fuzz '^FuzzEventStream$$' -fuzztime $(FUZZTIME) ./internal/e2e/stream/
	for p in $(TWINS); do $(GO) test -run '^$$' -fuzz '^FuzzDifferential$$' -fuzztime $(FUZZTIME) ./internal/twins/$$p/ || exit 1; done

## bench: generator benchmarks and a 100 MiB stream through client and server; compare runs with `go run $(BENCHSTAT) old.txt new.txt`
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./generator/... ./internal/e2e/stream/ | tee bench.txt

## bench-peers: regenerate bench/ with this generator, ogen and oapi-codegen, then compare them and a hand-written net/http handler side by side
bench-peers:
	$(GO) run ./cmd/gen -spec bench/spec.yaml -out bench/ours -package ours
	cd bench && $(GO) run $(OGEN) --target ogen --package ogenapi --clean spec.yaml
	cd bench && $(GO) run $(OAPICODEGEN) -config oapi.yaml spec.yaml
	cd bench && $(GO) vet ./... && $(GO) test ./... && $(GO) run ./cmd/peers

## compile-cost: build the package generated for the largest spec of each corpus and a ~400 KB one, ours and oapi-codegen's, and print lines, compile CPU and peak RSS (COST_SPECS=a.yaml,b.json to add specs)
compile-cost:
	mkdir -p bench/.costbin
	$(GO) build -o bench/.costbin/gen ./cmd/gen
	GOBIN=$(abspath bench/.costbin) $(GO) install $(OAPICODEGEN)
	cd bench && $(GO) run ./cmd/compilecost -gen .costbin/gen -oapi .costbin/oapi-codegen -dirs $(abspath $(CORPUS)),$(abspath $(CORPUS3)),$(abspath $(SWAGGER2)) -specs "$(COST_SPECS)"

## sandbox: run the in-memory Foundry sandbox on $(ADDR) (make sandbox ADDR=:9090)
sandbox:
	$(GO) run ./cmd/sandbox -addr $(ADDR)

## corpus: generate, build and vet a package for every spec in $(CORPUS) and $(CORPUS3) (OpenAPI 3) and $(SWAGGER2) (Swagger 2.0), start every server, and hold three of them against openapi3filter (internal/difftest)
corpus:
	$(GO) run ./internal/corpus -dir $(CORPUS) -difftest $(DIFFTEST_SPECS)
	$(GO) run ./internal/corpus -dir $(CORPUS3) -name specs3
	$(GO) run ./internal/corpus -dir $(SWAGGER2) -name swagger2

## fidelity: round-trip seeded valid instances of every schema of every spec in $(CORPUS), $(CORPUS3) and $(SWAGGER2) through the generated types (FIDELITY_FLAGS=-v lists the skipped schemas)
fidelity:
	$(GO) run ./internal/fidelity -dir $(CORPUS),$(CORPUS3),$(SWAGGER2) $(FIDELITY_FLAGS)
