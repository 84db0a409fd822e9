// Package names turns the strings of an OpenAPI description into Go
// identifiers and keeps them unique.
//
// Conversion is pure: the same input always gives the same name. Uniqueness
// is the job of a Registry, which hands out each name once and resolves
// clashes with a numeric suffix in the order names are claimed, so callers
// must claim in a deterministic order.
package names

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
)

// initialisms are written all upper case in Go names (Effective Go, and the
// list golint used).
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DNS": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true,
	"IP": true, "JSON": true, "JWT": true, "LHS": true, "OK": true, "QPS": true, "RAM": true,
	"RHS": true, "RPC": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true,
	"TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true,
	"URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true,
}

// Words splits s into words at every character that is not a letter or
// digit, and at lower-to-upper and acronym-to-word case changes
// ("HTTPServer" gives "HTTP", "Server").
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Exported converts s to an exported Go identifier in MixedCaps with the
// usual initialisms ("order_id" gives "OrderID", "x-api-key" gives
// "XAPIKey"). It never returns an empty string, a keyword or a name that
// starts with a digit.
func Exported(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		rs := []rune(w)
		// A word already in mixed case ("iPhone") keeps its inner case;
		// an all-caps word that is no initialism becomes Title case.
		if isUpper(w) {
			rs = []rune(strings.ToLower(w))
		}
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	name := b.String()
	switch {
	case name == "":
		return "Empty"
	case unicode.IsDigit([]rune(name)[0]):
		return "N" + name
	}
	// Non-ASCII letters that have no upper case (CJK) still give a name
	// that Go does not export; prefix it.
	if r := []rune(name)[0]; !unicode.IsUpper(r) {
		return "X" + name
	}
	return name
}

// Unexported converts s to an unexported Go identifier, suitable for a
// local variable or parameter. Keywords and predeclared identifiers get a
// trailing underscore-free suffix so they stay usable.
func Unexported(s string) string {
	ex := Exported(s)
	words := Words(ex)
	first := words[0]
	var name string
	if initialisms[strings.ToUpper(first)] || isUpper(first) {
		name = strings.ToLower(first) + ex[len(first):]
	} else {
		rs := []rune(ex)
		rs[0] = unicode.ToLower(rs[0])
		name = string(rs)
	}
	if token.IsKeyword(name) || predeclared[name] {
		name += "Value"
	}
	return name
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// predeclared lists Go's predeclared identifiers; shadowing them in
// generated code compiles but confuses readers and vet.
var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true, "clear": true,
	"close": true, "comparable": true, "complex": true, "complex128": true, "complex64": true,
	"copy": true, "delete": true, "error": true, "false": true, "float32": true, "float64": true,
	"imag": true, "int": true, "int16": true, "int32": true, "int64": true, "int8": true,
	"iota": true, "len": true, "make": true, "max": true, "min": true, "new": true, "nil": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true, "rune": true,
	"string": true, "true": true, "uint": true, "uint16": true, "uint32": true, "uint64": true,
	"uint8": true, "uintptr": true,
}

// symbols spells the characters that give no word.
var symbols = map[rune]string{
	'+': "Plus", '-': "Minus", '*': "Star", '/': "Slash", '\\': "Backslash", '<': "Lt", '>': "Gt",
	'=': "Eq", '!': "Bang", '.': "Dot", '@': "At", '#': "Hash", '$': "Dollar", '%': "Percent",
	'&': "And", '|': "Pipe", '~': "Tilde", '^': "Caret", '?': "Question", ':': "Colon",
	',': "Comma", ' ': "Space", '_': "Underscore", '(': "LParen", ')': "RParen", '[': "LBracket",
	']': "RBracket", '{': "LBrace", '}': "RBrace", '"': "Quote", '\'': "Apostrophe", ';': "Semicolon",
	'`': "Backtick",
}

// Label converts an enum value to a name like Exported, but spells out a
// value made only of symbols ("+" gives "Plus", "<=" gives "LtEq") so that
// such values get names of their own; "" gives "Empty".
func Label(s string) string {
	if len(Words(s)) > 0 || s == "" {
		return Exported(s)
	}
	var b strings.Builder
	for _, r := range s {
		if w, ok := symbols[r]; ok {
			b.WriteString(w)
		} else {
			b.WriteString(fmt.Sprintf("U%04X", r))
		}
	}
	return b.String()
}

// Bound shortens a name built by joining words at every level of a
// nested schema ("OrderItemsItemPrice..."), so that names, and with them
// the generated code, grow linearly with nesting instead of
// quadratically. A name longer than max keeps its first word (when that
// takes at most a third of max) and then as many of its last words as
// fit, and always its last word. A Registry makes the result unique.
func Bound(name string, max int) string {
	if len(name) <= max {
		return name
	}
	words := Words(name)
	head := ""
	if len(words) > 1 && len(words[0]) <= max/3 {
		head, words = words[0], words[1:]
	}
	n := len(head)
	start := len(words)
	for start > 0 && (start == len(words) || n+len(words[start-1]) <= max) {
		start--
		n += len(words[start])
	}
	short := head + strings.Join(words[start:], "")
	if short == "" || !unicode.IsUpper([]rune(short)[0]) {
		return Exported(short)
	}
	return short
}
