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
	"github.com/oasgen/oasgen/internal/testpkgs"
)

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
	for _, p := range testpkgs.All {
		_, below, _ := strings.Cut(p.Dir, "/")
		dst := filepath.Join(root, below)
		if err := copyTo(p, dst); err != nil {
			return fmt.Errorf("%s: %w", p.Dir, err)
		}
		src, err := os.ReadFile(p.Spec)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p.Dir, p.Spec)
		if err != nil {
			return err
		}
		// The spec path as the committed package names it, so that only
		// the JSON files differ.
		cfg := generator.Config{Spec: filepath.Join(dst, rel), Out: dst, Package: p.Name, Generate: p.Generate, JSON: "stdlib"}
		if p.Split {
			cfg.Split, cfg.ImportPath = "on", testpkgs.Module+"/"+filepath.ToSlash(dst)
		}
		res, err := generator.Generate(cfg, src)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Spec, err)
		}
		for _, old := range []string{"codec_read.go", "codec_number.go", "codec_write.go", "types_json.go", "server_codec.go", "client_codec.go", "union_codec.go"} {
			for _, dir := range []string{dst, filepath.Join(dst, "internal", "schemas")} {
				if err := os.Remove(filepath.Join(dir, old)); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
		}
		if err := write.Files(dst, res.Files, write.Remove); err != nil {
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
func copyTo(p testpkgs.Package, dst string) error {
	from := p.ImportPath()
	to := testpkgs.Module + "/" + filepath.ToSlash(dst)
	return filepath.WalkDir(p.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p.Dir, path)
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
