package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/compat"
	"github.com/oasgen/oasgen/generator/ir"
)

// runDiff compares the package generated from cfg.Spec with the one from
// the old spec and prints the changes: exit 1 when one breaks, 0 when none
// does, 2 when a spec cannot be compared.
func runDiff(cfg generator.Config, old string, stdout io.Writer, logger *log.Logger) int {
	src, err := os.ReadFile(cfg.Spec)
	if err != nil {
		logger.Print(err)
		return 2
	}
	oldSrc, oldName, err := readOld(old)
	if err != nil {
		logger.Print(err)
		return 2
	}
	oldCfg := cfg
	oldCfg.Spec = oldName
	// The two specs lower at once: the pipeline shares no state.
	var oldAPI *ir.API
	var oldErr error
	var wg sync.WaitGroup
	wg.Go(func() { oldAPI, _, oldErr = generator.Lower(oldCfg, oldSrc) })
	newAPI, _, err := generator.Lower(cfg, src)
	wg.Wait()
	if err != nil {
		logger.Print(err)
		return 2
	}
	if oldErr != nil {
		logger.Printf("the old spec: %v", oldErr)
		return 2
	}
	changes := compat.Compare(oldAPI, newAPI)
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
	}
	if compat.Breaking(changes) {
		return 1
	}
	return 0
}

// readOld reads the old spec: a file, or git:REF:PATH, PATH (relative to
// the current directory) as commit REF has it. It returns the content and
// the name diagnostics use.
func readOld(old string) ([]byte, string, error) {
	rest, ok := strings.CutPrefix(old, "git:")
	if !ok {
		src, err := os.ReadFile(old)
		return src, old, err
	}
	ref, path, ok := strings.Cut(rest, ":")
	if !ok || ref == "" || path == "" || filepath.IsAbs(path) {
		return nil, "", fmt.Errorf("-diff %s: want git:REF:PATH, PATH relative to the current directory", old)
	}
	if strings.HasPrefix(ref, "-") {
		return nil, "", fmt.Errorf("-diff %s: a revision does not start with -", old)
	}
	cmd := exec.Command("git", "show", ref+":./"+filepath.ToSlash(path))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	src, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, "", errors.New("-diff " + old + ": git show: " + msg)
	}
	// Relative $refs of the old spec are read beside PATH in the working
	// tree, as it is now.
	return src, path, nil
}
