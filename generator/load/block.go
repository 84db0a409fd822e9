package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// maxBlockKey is the longest key, quoted, blockYAML writes: YAML allows an
// implicit key of at most 1024 characters.
const maxBlockKey = 1000

// blockYAML rewrites a JSON document (an object) as block-style YAML with
// the same values, or returns nil when src is not one it can rewrite.
//
// kin-openapi parses every document with go.yaml.in/yaml/v4, which takes
// time quadratic in the size of a flow-style document, and JSON is flow
// style: GitHub's 3.7 MB description takes 1.7 s to parse as it is and
// 0.08 s as block style. The rewrite is linear. Keys and strings are
// written double-quoted, with every character that is not printable, and
// every line break, escaped; numbers as the JSON has them, so they resolve
// as they do in the flow form.
func blockYAML(src []byte) []byte {
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(trimmed))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	type level struct {
		object bool
		indent int
	}
	stack := []level{{object: true}}
	out := make([]byte, 0, len(src)+len(src)/2)
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		if !d.More() {
			if _, err := d.Token(); err != nil {
				return nil
			}
			stack = stack[:len(stack)-1]
			continue
		}
		out = appendIndent(out, top.indent)
		if top.object {
			tok, err := d.Token()
			key, ok := tok.(string)
			if err != nil || !ok {
				return nil
			}
			start := len(out)
			out = appendQuoted(out, key)
			if len(out)-start > maxBlockKey {
				return nil
			}
			out = append(out, ':')
		} else {
			out = append(out, '-')
		}
		tok, err := d.Token()
		if err != nil {
			return nil
		}
		switch v := tok.(type) {
		case json.Delim:
			if v != '{' && v != '[' {
				return nil
			}
			if !d.More() {
				if _, err := d.Token(); err != nil {
					return nil
				}
				if v == '{' {
					out = append(out, " {}\n"...)
				} else {
					out = append(out, " []\n"...)
				}
				continue
			}
			out = append(out, '\n')
			stack = append(stack, level{object: v == '{', indent: top.indent + 2})
		case string:
			out = append(out, ' ')
			out = appendQuoted(out, v)
			out = append(out, '\n')
		case json.Number:
			out = append(out, ' ')
			out = append(out, v...)
			out = append(out, '\n')
		case bool:
			out = append(out, ' ')
			out = strconv.AppendBool(out, v)
			out = append(out, '\n')
		case nil:
			out = append(out, " null\n"...)
		default:
			return nil
		}
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil // more than one value
	}
	if len(out) == 0 {
		return []byte("{}\n")
	}
	return out
}

func appendIndent(out []byte, n int) []byte {
	for range n {
		out = append(out, ' ')
	}
	return out
}

// appendQuoted appends s as a YAML double-quoted scalar: printable
// characters as they are, every other one (and '"', '\\' and the line
// breaks YAML folds) escaped.
func appendQuoted(out []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	out = append(out, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			out = append(out, '\\', byte(r))
		case r >= 0x20 && r < 0x7F:
			out = append(out, byte(r))
		case r < 0xA0:
			out = append(out, '\\', 'x', hex[r>>4], hex[r&0xF])
		case r == 0x2028 || r == 0x2029 || r == 0xFEFF || r >= 0xD800 && r < 0xE000 || r == 0xFFFE || r == 0xFFFF:
			out = append(out, '\\', 'u', hex[r>>12], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return append(out, '"')
}
