package specfuzz

import (
	"os"
	"testing"
)

// TestPrint prints the document a fuzz input makes (SHAPE_INPUT names a
// file of testdata/fuzz/FuzzSpecShape, or holds the input's bytes as a Go
// string literal), to turn a finding into a golden case.
func TestPrint(t *testing.T) {
	in := os.Getenv("SHAPE_INPUT")
	if in == "" {
		t.Skip("SHAPE_INPUT is not set")
	}
	data, err := readInput(in)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.Write(Spec(data))
}
