// Package render turns emitted files into formatted source in memory. No
// stage before the writer touches the file system.
//
// Every file is printed with go/format, then its comments are checked. The
// check is the last line of defence against spec text that escaped the
// sanitiser: a file with a block comment, a directive or a build
// constraint in it is refused, and nothing is written.
package render

import (
	"bytes"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator/comment"
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

// UnsafeError is a file with a comment the Go toolchain would read as
// more than prose: a generator bug, caught before anything is written.
type UnsafeError struct {
	File   string
	Line   int
	Source []byte
	Err    error
}

func (e *UnsafeError) Error() string {
	return fmt.Sprintf("%s:%d: the comment there is %v (a generator bug; nothing was written)", e.File, e.Line, e.Err)
}

// noinline is the one directive a file from a template may hold.
const noinline = "//go:noinline"

// Emitted renders a jennifer file into out.
func Emitted(out Files, f emit.File) error {
	var buf bytes.Buffer
	if err := f.Code.Render(&buf); err != nil {
		// Render again unformatted, so the raw source can be shown.
		var raw bytes.Buffer
		f.Code.NoFormat = true
		_ = f.Code.Render(&raw)
		return &FormatError{File: f.Name, Source: raw.Bytes(), Err: err}
	}
	if err := check(f.Name, buf.Bytes(), false); err != nil {
		return err
	}
	out[f.Name] = buf.Bytes()
	return nil
}

// Source formats and checks a Go file produced from a template into out.
func Source(out Files, name string, src []byte) error {
	formatted, err := format.Source(src)
	if err != nil {
		return &FormatError{File: name, Source: src, Err: err}
	}
	if err := check(name, formatted, true); err != nil {
		return err
	}
	out[name] = formatted
	return nil
}

// check scans a formatted file and refuses it when one of its comments
// is more than prose. A file from a template may hold one directive,
// //go:noinline, which the static runtime puts on helpers that many
// emitted sites call (inlining them costs compile time, issue 24); it
// only tells the compiler not to inline. Spec text reaches a template's
// file only as "// " comments (doc.go), which never equal it.
func check(name string, src []byte, template bool) error {
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(src))
	var s scanner.Scanner
	var scanErr error
	s.Init(file, src, func(pos token.Position, msg string) {
		if scanErr == nil {
			scanErr = fmt.Errorf("%s: %s", pos, msg)
		}
	}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			continue
		}
		if template && lit == noinline {
			continue
		}
		if err := comment.Check(lit); err != nil {
			return &UnsafeError{File: name, Line: fset.Position(pos).Line, Source: src, Err: err}
		}
	}
	if scanErr != nil {
		return &FormatError{File: name, Source: src, Err: scanErr}
	}
	return nil
}
