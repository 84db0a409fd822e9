package generator

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/oasgen/oasgen/generator/alias"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/emit"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/prune"
	"github.com/oasgen/oasgen/generator/render"
)

// A large API is split in two packages (issue 24): the named types and
// their codecs in emit.ModelsDir, the client, the server and the
// responses in the package at the top, which names the types through
// aliases. Go compiles the two apart, so the largest single compile of
// the API needs about half the memory of one package (Okta's management
// API: 2.1 GB as one package).

// SplitSize is the size of an API, as Size counts it, from which Split
// "auto" splits it: about 150,000 generated lines, whose one package
// needs about 1 GB to compile.
const SplitSize = 6000

// Size is a measure of the code an API makes: its named types, their
// properties, its operations and their documented responses.
func Size(api *ir.API) int {
	n := len(api.Types) + len(api.Operations)
	for _, t := range api.Types {
		n += len(t.Fields)
	}
	for _, op := range api.Operations {
		n += len(op.Responses)
	}
	return n
}

// modelsRuntime are the static files of the types' package when split.
var modelsRuntime = map[string]bool{
	"codec": true, ir.SupportDecimal: true, ir.SupportFile: true, ir.SupportNullable: true,
	ir.SupportUnion: true, "union_codec": true, "unknown": true,
}

// splitPath is the import path of the types' package when cfg splits
// api, "" when it keeps one package; with a warning when Split "auto"
// would split but no import path is known.
func splitPath(cfg Config, api *ir.API, t emit.Targets) (string, *diag.Diagnostic, error) {
	if (!t.Client && !t.Server) || len(api.Types) == 0 {
		return "", nil, nil // nothing but the types, or no types: one package
	}
	switch cfg.Split {
	case "off":
		return "", nil, nil
	case "", "auto":
		if Size(api) < SplitSize {
			return "", nil, nil
		}
		if cfg.ImportPath == "" {
			return "", &diag.Diagnostic{File: cfg.Spec, Msg: fmt.Sprintf(
				"a large API (size %d, split from %d) kept in one package: the import path of %s is unknown (no go.mod above it, or give -import)",
				Size(api), SplitSize, cfg.Out)}, nil
		}
	case "on":
		if cfg.ImportPath == "" {
			return "", nil, fmt.Errorf("split: the import path of %s is unknown (no go.mod above it): give -import", cfg.Out)
		}
	}
	return path.Join(cfg.ImportPath, emit.ModelsDir), nil, nil
}

// pruned prunes the static files of each package apart.
func pruned(files render.Files, static, keep []string, split bool) error {
	if !split {
		return prune.Unused(files, static, keep)
	}
	for _, part := range []render.Files{packageFiles(files, false), packageFiles(files, true)} {
		if err := prune.Unused(part, static, keep); err != nil {
			return err
		}
		for name, src := range part {
			files[name] = src
		}
	}
	return nil
}

// aliases adds types.go to the package at the top: the names of the
// exported declarations of the types' package, at import path models.
func aliases(files render.Files, models, pkg, header string) error {
	src, err := alias.File(packageFiles(files, true), models, emit.ModelsPackage, pkg, "// "+header, emit.Internal)
	if err != nil {
		return err
	}
	return render.Source(files, "types.go", src)
}

// packageFiles are the files of a split package's types' package
// (models), or of the package above.
func packageFiles(files render.Files, models bool) render.Files {
	part := render.Files{}
	for name, src := range files {
		if strings.HasPrefix(name, emit.ModelsDir+"/") == models {
			part[name] = src
		}
	}
	return part
}

// ImportPathOf returns the import path of the directory dir (which need
// not exist yet): the module path of the nearest go.mod above it, joined
// with dir's path below that module's root.
func ImportPathOf(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			m := modulePath.FindSubmatch(data)
			if m == nil {
				return "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			mod := strings.Trim(string(m[1]), `"`)
			return path.Join(mod, filepath.ToSlash(rel)), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", abs)
		}
	}
}

var modulePath = regexp.MustCompile(`(?m)^module\s+(\S+)`)
