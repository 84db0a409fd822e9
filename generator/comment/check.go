package comment

import (
	"fmt"
	"go/build/constraint"
	"strings"
	"unicode"
)

// Check reports why a comment, as it stands in Go source ("// text"),
// could be read by the Go toolchain as more than prose: it is a block
// comment, a directive, a build constraint, or holds a control or
// invisible format character. It returns nil for every comment this
// package writes, and for the hand-written comments of the static files.
func Check(src string) error {
	if !strings.HasPrefix(src, "//") {
		return fmt.Errorf("a block comment")
	}
	if constraint.IsGoBuild(src) || constraint.IsPlusBuild(src) {
		return fmt.Errorf("a build constraint")
	}
	if isDirective(src[2:]) {
		return fmt.Errorf("a directive")
	}
	for _, r := range src {
		if r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || isBreak(r)) {
			return fmt.Errorf("the character %U", r)
		}
	}
	return nil
}

// isDirective reports whether the text after "//" is a directive, as
// go/ast defines one: "line ", "extern " or "export " at its start, or
// [a-z0-9]+:[a-z0-9] ("go:generate", "nolint:all").
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		if b := c[i]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}
