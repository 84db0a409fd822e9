package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oasgen/oasgen/generator/write"
)

// TestFresh fails when a committed twin differs from what the command
// makes of its spec now.
func TestFresh(t *testing.T) {
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	for _, tw := range twins {
		dir := filepath.Join("internal", "twins", tw.name)
		files, err := tw.files(dir)
		if err != nil {
			t.Fatal(err)
		}
		stale, err := write.Stale(dir, files)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range stale {
			t.Errorf("%s is stale; run make generate", filepath.Join(dir, name))
		}
	}
}
