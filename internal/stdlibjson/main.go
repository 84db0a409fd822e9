// Command stdlibjson runs the tests of the Foundry package and of the e2e
// packages against the same packages generated with -json=stdlib (types
// left to encoding/json instead of generated codecs), so that both JSON
// paths pass the same tests.
//
// Each package is copied, tests and test data included, into a directory
// under _stdlibjson (which ./... leaves out) as deep as its own, so that
// relative paths in tests hold, regenerated there
// with -json=stdlib, its tests pointed at the copy, then vetted and
// tested; the copies are removed afterwards. Run it from the repository
// root: go run ./internal/stdlibjson [go test flags].
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/write"
)

const module = "github.com/oasgen/oasgen"

// pkg is a generated package the repository tests.
type pkg struct {
	dir, spec, name string
	generate        []string
}

var pkgs = []pkg{
	{"generated/foundry", "spec/openapi.yaml", "foundry", nil},
	{"internal/e2e/params", "internal/e2e/params/spec.yaml", "params", nil},
	{"internal/e2e/models", "internal/e2e/models/spec.yaml", "models", []string{"types"}},
	{"internal/e2e/routes", "internal/e2e/routes/spec.yaml", "routes", nil},
	{"internal/e2e/checks", "internal/e2e/checks/spec.yaml", "checks", nil},
	{"internal/e2e/semantics", "internal/e2e/semantics/spec.yaml", "semantics", nil},
	{"internal/e2e/hostile", "internal/e2e/hostile/spec.yaml", "hostile", []string{"types", "client"}},
	{"internal/e2e/sdk", "internal/e2e/sdk/spec.yaml", "sdk", nil},
	{"internal/e2e/stream", "internal/e2e/stream/spec.yaml", "stream", nil},
}

const root = "_stdlibjson"

func main() {
	err := run(os.Args[1:])
	if rmErr := os.RemoveAll(root); err == nil {
		err = rmErr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stdlibjson:", err)
		os.Exit(1)
	}
}

func run(testFlags []string) error {
	var targets []string
	for _, p := range pkgs {
		_, below, _ := strings.Cut(p.dir, "/")
		dst := filepath.Join(root, below)
		if err := p.copyTo(dst); err != nil {
			return fmt.Errorf("%s: %w", p.dir, err)
		}
		src, err := os.ReadFile(p.spec)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p.dir, p.spec)
		if err != nil {
			return err
		}
		// The spec path as the committed package names it, so that only
		// the JSON files differ.
		cfg := generator.Config{Spec: filepath.Join(dst, rel), Out: dst, Package: p.name, Generate: p.generate, JSON: "stdlib"}
		res, err := generator.Generate(cfg, src)
		if err != nil {
			return fmt.Errorf("%s: %w", p.spec, err)
		}
		for _, old := range []string{"codec_read.go", "codec_number.go", "codec_write.go", "types_json.go", "server_codec.go", "client_codec.go", "union_codec.go"} {
			if err := os.Remove(filepath.Join(dst, old)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		if err := write.Files(dst, res.Files); err != nil {
			return err
		}
		targets = append(targets, "./"+filepath.ToSlash(dst))
	}
	for _, args := range [][]string{{"vet"}, append(append([]string{"test"}, testFlags...), "-count=1")} {
		cmd := exec.Command("go", append(args, targets...)...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s: %w", args[0], err)
		}
	}
	return nil
}

// copyTo copies the package's directory to dst, pointing its tests'
// imports of the package at the copy.
func (p pkg) copyTo(dst string) error {
	from := module + "/" + p.dir
	to := module + "/" + filepath.ToSlash(dst)
	return filepath.WalkDir(p.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p.dir, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.Name() == "codec_test.go" {
			return nil // a test of the codec runtime, which the copy has not
		}
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, "_test.go") {
			data = bytes.ReplaceAll(data, []byte(`"`+from+`"`), []byte(`"`+to+`"`))
		}
		return os.WriteFile(target, data, 0o644)
	})
}
