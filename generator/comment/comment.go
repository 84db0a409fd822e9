// Package comment is the one way text from an API description reaches a Go
// comment. The description is untrusted: a vendor's spec, or one fetched in
// CI, must not be able to end a comment, open or close a block comment, or
// write a line the Go toolchain reads as a directive (//go:generate,
// //line, //export, //extern) or a build constraint (//go:build, // +build).
//
// The package makes that impossible by construction. Its Line type can only
// be made here, from text that has been neutralised:
//
//   - Text is split at every line break Go or an editor recognises (\n,
//     \r, \r\n, \v, \f, U+0085, U+2028, U+2029); Inline joins the parts with
//     spaces instead.
//   - Control characters, invisible format characters (bidirectional
//     overrides, zero-width characters, the byte order mark) and invalid
//     UTF-8 are written as Go escapes (\x00, \u202e, \ufffd), so they are
//     visible to a reviewer and never reach the compiler.
//   - A line whose text starts, after blanks, with "+build" gets a space
//     after the plus ("+ build"): the old build constraint syntax allows a
//     space after the slashes.
//   - A Line is written as "// " and its text (or "//" when empty), so
//     nothing in it can stand right after the slashes, where the toolchain
//     looks for go:, line, export and extern directives. It is only ever a
//     line comment, which ends at the end of the line: "/*" and "*/" in it
//     are plain text ("*/*" is a media type), and the package has no way
//     to write a block comment.
package comment

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is one line of a Go line comment whose text has been neutralised by
// this package. The zero Line is an empty comment line.
type Line struct{ text string }

// String returns the text of the line, without the comment's slashes.
func (l Line) String() string { return l.text }

// Empty reports whether the line has no text.
func (l Line) Empty() bool { return l.text == "" }

// Comment returns the line as Go source: "// " and the text, or "//".
func (l Line) Comment() string {
	if l.text == "" {
		return "//"
	}
	return "// " + l.text
}

// Lines splits untrusted text into comment lines. Leading and trailing
// blank lines are dropped; blank lines between paragraphs are kept.
func Lines(text string) []Line {
	parts := splitLines(text)
	out := make([]Line, 0, len(parts))
	for _, p := range parts {
		out = append(out, Line{clean(p)})
	}
	for len(out) > 0 && out[0].Empty() {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1].Empty() {
		out = out[:len(out)-1]
	}
	return out
}

// Inline makes untrusted text one comment line: line breaks become spaces.
func Inline(text string) Line {
	return Line{clean(strings.Join(splitLines(text), " "))}
}

// isBreak reports whether r ends a line for Go or for an editor.
func isBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// splitLines splits text at line breaks, "\r\n" counting as one.
func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isBreak(r) {
			out = append(out, text[start:i])
			start = i + size
		}
		i += size
	}
	return append(out, text[start:])
}

// clean neutralises one line of text (see the package documentation). It
// is idempotent: clean(clean(s)) == clean(s).
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(`\ufffd`)
			i++
			continue
		}
		i += size
		switch {
		case r == '\t' || r == ' ':
			b.WriteRune(r)
		case isBreak(r):
			b.WriteByte(' ')
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimRight(b.String(), " \t")
	if rest := strings.TrimLeft(out, " \t"); strings.HasPrefix(rest, "+build") {
		lead := len(out) - len(rest)
		out = out[:lead] + "+ " + rest[1:]
	}
	return out
}
