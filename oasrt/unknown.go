package oasrt

import (
	"encoding/json"
	"errors"
	"iter"
	"unicode/utf8"
)

// UnknownMember reads the value of the member name, which the type being
// read does not declare, and appends the member to buf, an object's
// opening as without returns it.
func (d *Decoder) UnknownMember(buf, name []byte) ([]byte, error) {
	value, err := d.Raw()
	if err != nil {
		return buf, err
	}
	if buf == nil {
		buf = append(make([]byte, 0, len(name)+len(value)+8), '{')
	}
	buf = AppendJSONString(buf, string(name))
	buf = append(buf, ':')
	buf = appendCompactJSON(buf, value)
	return append(buf, ','), nil
}

// appendCompactJSON appends src, a checked JSON value, without its white
// space and with the characters encoding/json escapes in strings escaped
// (<, >, &, U+2028, U+2029), as encoding/json writes a json.RawMessage.
func appendCompactJSON(b, src []byte) []byte {
	in := false
	start := 0
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case in && c == '\\':
			i += 2
			continue
		case c == '"':
			in = !in
		case in && (c == '<' || c == '>' || c == '&'):
			b = append(b, src[start:i]...)
			b = append(b, '\\', 'u', '0', '0', hexDigit[c>>4], hexDigit[c&0xf])
			start = i + 1
		case in && c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(src[i:])
			if r == '\u2028' || r == '\u2029' {
				b = append(b, src[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigit[r&0xf])
				start = i + n
			}
			i += n
			continue
		case !in && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			b = append(b, src[start:i]...)
			start = i + 1
		}
		i++
	}
	return append(b, src[start:]...)
}

// UnknownMembers holds the members of a JSON object that its schema does
// not declare: those a newer version of the API sends. Reading a value
// keeps them and writing it writes them back as they were read (compact,
// after the declared properties), so a read-modify-write does not lose
// what this package does not know. The zero value holds none; values
// compare with == by their members in order.
//
// The names are those the type does not declare: set a declared property
// through its field, as a member of the same name here would be written
// beside it.
type UnknownMembers struct {
	// raw is the members as one compact JSON object, "" for none.
	raw string
}

// Len returns the number of members.
func (u UnknownMembers) Len() int {
	n := 0
	for range u.All() {
		n++
	}
	return n
}

// Get returns the JSON value of the member name, and whether there is one
// (the last, if the object read had the name twice).
func (u UnknownMembers) Get(name string) (json.RawMessage, bool) {
	var value json.RawMessage
	found := false
	for k, v := range u.All() {
		if k == name {
			value, found = v, true
		}
	}
	return value, found
}

// All iterates over the members, in the order they were read or set.
func (u UnknownMembers) All() iter.Seq2[string, json.RawMessage] {
	return func(yield func(string, json.RawMessage) bool) {
		if u.raw == "" {
			return
		}
		d := NewDecoder([]byte(u.raw))
		if ok, err := d.Object(); !ok || err != nil {
			return
		}
		for i := 0; ; i++ {
			key, more, err := d.Member(i)
			if !more || err != nil {
				return
			}
			value, err := d.Raw()
			if err != nil || !yield(string(key), json.RawMessage(value)) {
				return
			}
		}
	}
}

// Set sets the member name to value, a JSON value (kept compact),
// replacing a member of that name.
func (u *UnknownMembers) Set(name string, value json.RawMessage) error {
	if !json.Valid(value) {
		return errors.New("UnknownMembers.Set: the value of " + name + " is not JSON")
	}
	b := u.without(name)
	b = AppendJSONString(b, name)
	b = append(b, ':')
	b = appendCompactJSON(b, value)
	u.raw = string(append(b, '}'))
	return nil
}

// Delete removes the member name.
func (u *UnknownMembers) Delete(name string) {
	b := u.without(name)
	if len(b) == 1 {
		u.raw = ""
		return
	}
	b[len(b)-1] = '}'
	u.raw = string(b)
}

// without returns the members but name as an object's opening: "{" and
// each member followed by a comma.
func (u *UnknownMembers) without(name string) []byte {
	b := append(make([]byte, 0, len(u.raw)+32), '{')
	for k, v := range u.All() {
		if k != name {
			b = AppendJSONString(b, k)
			b = append(b, ':')
			b = append(b, v...)
			b = append(b, ',')
		}
	}
	return b
}

// MarshalJSON writes the members as a JSON object.
func (u UnknownMembers) MarshalJSON() ([]byte, error) {
	if u.raw == "" {
		return []byte("{}"), nil
	}
	return []byte(u.raw), nil
}

// String returns the members as a JSON object.
func (u UnknownMembers) String() string {
	if u.raw == "" {
		return "{}"
	}
	return u.raw
}

// Keep replaces the members with those read into buf (nil for none), as
// Decoder.UnknownMember collects them; generated readers call it.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func (u *UnknownMembers) Keep(buf []byte) {
	if buf == nil {
		u.raw = ""
		return
	}
	buf[len(buf)-1] = '}'
	u.raw = string(buf)
}

// AppendMembers appends the members, after a comma, to an object being
// written; generated writers call it. Not inlined, as Keep.
//
//go:noinline
func (u *UnknownMembers) AppendMembers(b []byte) []byte {
	if u.raw == "" {
		return b
	}
	b = append(b, ',')
	return append(b, u.raw[1:len(u.raw)-1]...)
}
