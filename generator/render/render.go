// Package render turns emitted files into formatted source in memory. No
// stage before the writer touches the file system.
package render

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator/emit"
)

// Files maps a file name, relative to the output directory, to its content.
type Files map[string][]byte

// Names returns the file names in sorted order.
func (fs Files) Names() []string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// FormatError is a file that did not format: a generator bug. Source keeps
// the unformatted text so the compiler can point at the problem.
type FormatError struct {
	File   string
	Source []byte
	Err    error
}

func (e *FormatError) Error() string {
	msg, _, _ := strings.Cut(e.Err.Error(), "\n")
	return fmt.Sprintf("format %s (a generator bug): %s", e.File, msg)
}

// Emitted renders jennifer files into out.
func Emitted(out Files, files []emit.File) error {
	for _, f := range files {
		var buf bytes.Buffer
		if err := f.Code.Render(&buf); err != nil {
			// Render again unformatted, so the raw source can be shown.
			var raw bytes.Buffer
			f.Code.NoFormat = true
			_ = f.Code.Render(&raw)
			return &FormatError{File: f.Name, Source: raw.Bytes(), Err: err}
		}
		out[f.Name] = buf.Bytes()
	}
	return nil
}

// Source formats a Go file produced from a template into out.
func Source(out Files, name string, src []byte) error {
	formatted, err := format.Source(src)
	if err != nil {
		return &FormatError{File: name, Source: src, Err: err}
	}
	out[name] = formatted
	return nil
}
