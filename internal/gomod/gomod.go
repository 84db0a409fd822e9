// Package gomod writes the go.mod of the temporary modules the tests and
// tools build generated packages in: generated code imports the runtime
// (github.com/oasgen/oasgen/oasrt), so each such module requires this
// repository, replaced by the checkout the tool was built from.
package gomod

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
)

// Root is the directory of this repository's checkout: where this file
// was compiled from, two levels up.
func Root() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return "", errors.New("gomod: the checkout's directory is unknown (built with -trimpath?)")
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	if _, err := os.Stat(filepath.Join(root, "oasrt")); err != nil {
		return "", fmt.Errorf("gomod: %s holds no runtime: %w", root, err)
	}
	return root, nil
}

// Write writes dir/go.mod for a module named module that builds generated
// code with the runtime of this checkout. Its go line is the repository's
// (a lower one would ask for go mod tidy).
func Write(dir, module string) error {
	root, err := Root()
	if err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		return fmt.Errorf("gomod: %s/go.mod has no go line", root)
	}
	text := fmt.Sprintf("module %s\n\ngo %s\n\nrequire github.com/oasgen/oasgen v0.0.0\n\nreplace github.com/oasgen/oasgen => %s\n", module, m[1], root)
	return os.WriteFile(filepath.Join(dir, "go.mod"), []byte(text), 0o644)
}
