// Package jsontest holds references the tests of generated decoders
// compare them with, built on encoding/json.
package jsontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
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
