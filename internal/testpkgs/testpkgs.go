// Package testpkgs lists the generated packages the repository tests (the
// Foundry package and the e2e packages), with the spec and the parts each
// is generated from, for the tools that generate them again: their twins
// (internal/twins) and their -json=stdlib copies (internal/stdlibjson).
package testpkgs

// Module is the repository's module path.
const Module = "github.com/oasgen/oasgen"

// Package is one generated package, its paths relative to the repository
// root.
type Package struct {
	Name, Dir, Spec string
	// Generate lists the parts generated, nil for all.
	Generate []string
	// Split: the package is generated split in two (gen -split on), its
	// types in internal/schemas.
	Split bool
}

// ImportPath is the package's import path.
func (p Package) ImportPath() string { return Module + "/" + p.Dir }

// All are the generated packages the repository tests.
var All = []Package{
	{"foundry", "generated/foundry", "spec/openapi.yaml", nil, false},
	{"params", "internal/e2e/params", "internal/e2e/params/spec.yaml", nil, false},
	{"models", "internal/e2e/models", "internal/e2e/models/spec.yaml", []string{"types"}, false},
	{"routes", "internal/e2e/routes", "internal/e2e/routes/spec.yaml", nil, false},
	{"checks", "internal/e2e/checks", "internal/e2e/checks/spec.yaml", nil, true},
	{"semantics", "internal/e2e/semantics", "internal/e2e/semantics/spec.yaml", nil, false},
	{"hostile", "internal/e2e/hostile", "internal/e2e/hostile/spec.yaml", []string{"types", "client"}, false},
	{"sdk", "internal/e2e/sdk", "internal/e2e/sdk/spec.yaml", nil, true},
	{"stream", "internal/e2e/stream", "internal/e2e/stream/spec.yaml", nil, false},
}
