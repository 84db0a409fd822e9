package oasrt

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// ValidText reports whether raw, the content of a JSON string as written
// (escaped: with escapes), is text: valid UTF-8, and no \u escape of half
// a UTF-16 surrogate pair without its other half. RFC 8259 (8.1, 8.2)
// leaves both to the reader; reading them as U+FFFD, as encoding/json
// does, would change the data without a word, so they are refused.
func ValidText(raw []byte, escaped bool) bool {
	if !utf8.Valid(raw) {
		return false
	}
	if !escaped {
		return true
	}
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		if raw[i+1] != 'u' || i+6 > len(raw) {
			i++ // the escaped character
			continue
		}
		r := hex4(raw[i+2:])
		i += 5 // at the last hex digit
		switch {
		case r < 0xD800 || r > 0xDFFF:
		case r < 0xDC00 && i+7 <= len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' && lowSurrogate(hex4(raw[i+3:])):
			i += 6
		default:
			return false
		}
	}
	return true
}

func lowSurrogate(r rune) bool { return r >= 0xDC00 && r <= 0xDFFF }

// hex4 is the value of four hex digits, -1 if they are not.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// SortedKeys returns the keys of m in order. It sorts with package sort:
// slices.Sort would compile its generic sort into every generated package
// (issue 24).
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// FormatInt is n in decimal, for a parameter. Not inlined: the copy of
// strconv.FormatInt's fast path in each of a generated package's many
// callers costs more to compile than the call costs to run.
//
//go:noinline
func FormatInt(n int64) string { return strconv.FormatInt(n, 10) }
