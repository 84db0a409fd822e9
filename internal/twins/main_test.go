package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/internal/testpkgs"
)

// TestFresh fails when a committed twin differs from what the command
// makes of its spec now.
func TestFresh(t *testing.T) {
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	for _, tw := range testpkgs.All {
		dir := filepath.Join("internal", "twins", tw.Name)
		files, err := twinFiles(tw, dir)
		if err != nil {
			t.Fatal(err)
		}
		stale, err := write.Stale(dir, files, write.Remove)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range stale {
			t.Errorf("%s is stale; run make generate", filepath.Join(dir, name))
		}
	}
}
