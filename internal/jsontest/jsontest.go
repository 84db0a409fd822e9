// Package jsontest holds references the tests of generated decoders
// compare them with, built on encoding/json.
package jsontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// RepeatedKey reports a key some object of a valid JSON document holds
// twice, read with encoding/json's tokenizer (keys compared unescaped).
func RepeatedKey(data []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return "", false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].key = true
				}
				continue
			}
			k := tok.(string)
			if top.keys[k] {
				return k, true
			}
			top.keys[k] = true
			top.key = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].key = true
		}
	}
}

// FoldedKey reports a top-level key of a JSON object that names one of
// props in another case (which encoding/json would decode into it).
func FoldedKey(data []byte, props []string) (string, bool) {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return "", false
	}
	for key := range top {
		for _, p := range props {
			if key != p && strings.EqualFold(key, p) {
				return key, true
			}
		}
	}
	return "", false
}

// AnyFoldedKey reports whether an object anywhere in a valid JSON
// document has a key that is none of names but is one of them in another
// case: a key encoding/json matches to that property and an exact reader
// skips.
func AnyFoldedKey(data []byte, names map[string]bool) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct{ object, wantKey bool }
	var stack []*frame
	valueDone := func() {
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].wantKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if len(stack) > 0 && stack[len(stack)-1].wantKey {
			if k, ok := tok.(string); ok {
				stack[len(stack)-1].wantKey = false
				if !names[k] {
					for n := range names {
						if strings.EqualFold(n, k) {
							return true
						}
					}
				}
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, &frame{object: tok == json.Delim('{'), wantKey: tok == json.Delim('{')})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

// SameUpToFloat reports whether two JSON texts are the same bytes but for
// numbers, which may be written differently as long as they are the same
// float64 (1.0 and 1, 9007199254740993 and 9007199254740992): what a
// value held as any keeps exactly (json.Number) encoding/json rounds to a
// float64. Strings, keys and everything else must match byte for byte.
func SameUpToFloat(a, b []byte) bool {
	i, j := 0, 0
	inString := false
	for i < len(a) && j < len(b) {
		if !inString && isNumberStart(a[i]) && isNumberStart(b[j]) {
			ea, eb := numberEnd(a, i), numberEnd(b, j)
			x, errA := strconv.ParseFloat(string(a[i:ea]), 64)
			y, errB := strconv.ParseFloat(string(b[j:eb]), 64)
			if errA != nil || errB != nil || x != y {
				return false
			}
			i, j = ea, eb
			continue
		}
		if a[i] != b[j] {
			return false
		}
		switch {
		case inString && a[i] == '\\':
			if i+1 >= len(a) || j+1 >= len(b) || a[i+1] != b[j+1] {
				return false
			}
			i, j = i+1, j+1
		case a[i] == '"':
			inString = !inString
		}
		i, j = i+1, j+1
	}
	return i == len(a) && j == len(b)
}

func isNumberStart(c byte) bool { return c == '-' || '0' <= c && c <= '9' }

// numberEnd returns where the number starting at i ends.
func numberEnd(s []byte, i int) int {
	for i < len(s) && strings.IndexByte("+-.eE0123456789", s[i]) >= 0 {
		i++
	}
	return i
}

// BadText reports whether a string of the JSON document data is not
// valid text: invalid UTF-8, or a \u escape of half a UTF-16 surrogate
// pair without its other half, which encoding/json reads as U+FFFD. It
// reads each string with strconv.Unquote's rules for the escapes and
// unicode/utf16 for the pairs, apart from the generated code's reading.
func BadText(data []byte) bool {
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		// The string's content runs to the first quote not escaped.
		j := i + 1
		for j < len(data) && data[j] != '"' {
			if data[j] == '\\' {
				j++
			}
			j++
		}
		if j > len(data) {
			j = len(data)
		}
		if badString(data[i+1 : j]) {
			return true
		}
		i = j
	}
	return false
}

func badString(s []byte) bool {
	if !utf8.Valid(s) {
		return true
	}
	var units []uint16 // the \u escapes of a run of them
	flush := func() bool {
		for n := 0; n < len(units); n++ {
			if !utf16.IsSurrogate(rune(units[n])) {
				continue
			}
			if n+1 == len(units) || utf16.DecodeRune(rune(units[n]), rune(units[n+1])) == utf8.RuneError {
				return true
			}
			n++
		}
		units = units[:0]
		return false
	}
	for k := 0; k < len(s); k++ {
		if s[k] != '\\' || k+1 >= len(s) {
			if flush() {
				return true
			}
			continue
		}
		if s[k+1] == 'u' && k+6 <= len(s) {
			v, err := strconv.ParseUint(string(s[k+2:k+6]), 16, 16)
			if err == nil {
				units = append(units, uint16(v))
				k += 5
				continue
			}
		}
		if flush() {
			return true
		}
		k++
	}
	return flush()
}

// WholeNumbers is data with every number whose value is an integer but
// which is written with a fraction or an exponent (2.0, 1e0, 1.8e1)
// written as that integer, read exactly with math/big: what encoding/json
// would read into an integer where OpenAPI 3.1 (JSON Schema 2020-12) sees
// one. Numbers inside strings are left alone.
func WholeNumbers(data []byte) []byte {
	var out []byte
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString:
			out = append(out, c)
			if c == '\\' && i+1 < len(data) {
				i++
				out = append(out, data[i])
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
			out = append(out, c)
		case isNumberStart(c):
			end := numberEnd(data, i)
			text := data[i:end]
			if bytes.ContainsAny(text, ".eE") {
				if r, ok := new(big.Rat).SetString(string(text)); ok && r.IsInt() && r.Num().BitLen() <= 64 {
					text = []byte(r.Num().String())
				}
			}
			out = append(out, text...)
			i = end - 1
		default:
			out = append(out, c)
		}
	}
	return out
}
