// Package diag holds the generator's diagnostics: errors and warnings that
// name the spec file, the line and the JSON pointer of what they are about.
package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Diagnostic is a problem found in a spec.
type Diagnostic struct {
	File string
	Line int // 0 when unknown
	// Pointer is a JSON pointer into File ("/paths/~1pets/get"), "" when
	// the problem concerns the whole document.
	Pointer string
	Msg     string
	// Lenient marks a warning about a mistake in the spec that generation
	// read in a stated, sensible way instead of refusing the whole spec
	// (a $ref to nothing, a part that leads back to its own schema...);
	// gen -strict makes such warnings errors.
	Lenient bool
}

// Error writes the diagnostic on one line. Control characters, which
// spec text may hold (a line break that would forge another line of
// output, a terminal escape sequence), are written as Go escapes.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	if d.Pointer != "" {
		fmt.Fprintf(&b, ": #%s", d.Pointer)
	}
	b.WriteString(": ")
	b.WriteString(d.Msg)
	return escapeControls(b.String())
}

// escapeControls writes the control characters of s as Go escapes.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Unsupported is the message prefix of a Diagnostic about a feature the
// generator cannot generate correctly.
const Unsupported = "unsupported: "

// At returns a Diagnostic at pointer with a formatted message; File and
// Line are filled in later by Resolve.
func At(pointer, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pointer: pointer, Msg: fmt.Sprintf(format, args...)}
}

// Lenient returns a lenient warning (see Diagnostic.Lenient) at pointer.
func Lenient(pointer, format string, args ...any) *Diagnostic {
	d := At(pointer, format, args...)
	d.Lenient = true
	return d
}

// Pointer joins reference tokens into a JSON pointer, escaping "~" and "/"
// as RFC 6901 requires.
func Pointer(base string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		t = strings.ReplaceAll(t, "~", "~0")
		b.WriteString(strings.ReplaceAll(t, "/", "~1"))
	}
	return b.String()
}

// Split parses a JSON pointer into its unescaped reference tokens.
func Split(pointer string) []string {
	pointer = strings.TrimPrefix(pointer, "#")
	if pointer == "" || pointer == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	for i, p := range parts {
		p = strings.ReplaceAll(p, "~1", "/")
		parts[i] = strings.ReplaceAll(p, "~0", "~")
	}
	return parts
}
