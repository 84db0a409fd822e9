package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/comment"
)

// This file is where spec text meets Go source outside a plain literal.
// It is the emitters' only way to write a comment (a test holds them to
// it): whatever the text holds, it becomes neutralised line comments,
// never a block comment, a directive or a build constraint. And it makes
// the format strings that carry spec text.

// commentLine is text, which may hold spec text, as one line comment; line
// breaks in it become spaces.
func commentLine(text string) *jen.Statement {
	return jen.Comment(comment.Inline(text).Comment())
}

// commentLines is text, which may hold spec text, as line comments, one per
// line of the text.
func commentLines(text string) []jen.Code {
	lines := comment.Lines(text)
	out := make([]jen.Code, len(lines))
	for i, l := range lines {
		out[i] = jen.Comment(l.Comment())
	}
	return out
}

// headerComment sets the first line of a file, which names the spec.
func headerComment(f *jen.File, header string) {
	f.HeaderComment(comment.Inline(header).Comment())
}
