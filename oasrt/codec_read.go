package oasrt

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// A generated package's types read and write JSON with generated code
// (decodeJSON and appendJSON methods) over the reader of this file and
// the writers of codec_write.go, without reflection. They read what
// encoding/json reads into the same types, with two differences: property
// names match exactly, not in any case, and a struct that has an Unknown
// field keeps there the keys its schema does not declare (UnknownMember),
// where encoding/json skips them. A server checks a request body's
// structure (duplicate keys, required properties, kinds) before decoding
// it (CheckStrict); these readers are lenient like encoding/json: null
// leaves a value as it is, a key given twice keeps its last value.

// maxJSONDepth is how deeply a document may nest arrays and objects, as
// encoding/json allows.
const maxJSONDepth = 10000

// Decoder reads one JSON document, value by value.
type Decoder struct {
	data  []byte
	pos   int
	depth int
	// buf is scratch space for strings with escapes.
	buf []byte
}

// NewDecoder returns a decoder of data, one JSON document.
func NewDecoder(data []byte) Decoder { return Decoder{data: data} }

// DecodeJSONDocument decodes data, one JSON value and nothing after it
// but space, with decode.
func DecodeJSONDocument(data []byte, decode func(d *Decoder) error) error {
	d := Decoder{data: data}
	if err := decode(&d); err != nil {
		return err
	}
	return d.End()
}

// Finish is what UnmarshalJSON returns once the value is read with err:
// err, or the error of anything but space after the value.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func (d *Decoder) Finish(err error) error {
	if err != nil {
		return err
	}
	return d.End()
}

// End checks that nothing but space follows the value read.
func (d *Decoder) End() error {
	if d.space() != 0 || d.pos < len(d.data) {
		return d.syntax("data after the value")
	}
	return nil
}

func (d *Decoder) syntax(what string) error {
	if d.pos >= len(d.data) {
		return &FieldError{msg: "unexpected EOF"}
	}
	return &FieldError{msg: "malformed JSON at offset " + strconv.Itoa(d.pos) + ": " + what}
}

// space skips white space and returns the byte after it, 0 at the end.
func (d *Decoder) space() byte {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return c
		}
	}
	return 0
}

// Null consumes a null if it comes next.
//
//go:noinline
func (d *Decoder) Null() bool { return d.space() == 'n' && d.literal("null") }

// literal consumes the literal lit if it comes next.
func (d *Decoder) literal(lit string) bool {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return true
	}
	return false
}

// other handles a value that is not of the kind wanted: null leaves the
// destination as it is, as encoding/json does; anything else is an
// error.
func (d *Decoder) other(want string) error {
	if d.literal("null") {
		return nil
	}
	return d.mismatch(want)
}

// mismatch is the error for a value that is not what the destination
// holds, or not a value at all.
func (d *Decoder) mismatch(want string) error {
	var got string
	switch c := d.space(); {
	case c == '{':
		got = "an object"
	case c == '[':
		got = "an array"
	case c == '"':
		got = "a string"
	case c == '-' || c >= '0' && c <= '9':
		got = "a number"
	case d.literal("true"), d.literal("false"):
		got = "a boolean"
	case d.literal("null"):
		got = "null"
	case c == 0:
		return d.syntax("unexpected end")
	default:
		return d.syntax("unexpected " + strconv.QuoteRune(rune(c)))
	}
	return &FieldError{msg: "must be " + want + " (got " + got + ")"}
}

func (d *Decoder) enter() error {
	d.depth++
	if d.depth > maxJSONDepth {
		return d.syntax("nested too deeply")
	}
	d.pos++
	return nil
}

// Object starts an object; false, with no error, is null.
func (d *Decoder) Object() (bool, error) {
	if d.space() != '{' {
		return false, d.other("an object")
	}
	return true, d.enter()
}

// Member reads the name of member i (from 0) of the object being read and
// the colon after it; more is false at the end of the object. The name is
// a slice of the document unless it has escapes.
func (d *Decoder) Member(i int) (name []byte, more bool, err error) {
	c := d.space()
	if c == '}' && i == 0 {
		d.pos++
		d.depth--
		return nil, false, nil
	}
	if i > 0 {
		switch c {
		case '}':
			d.pos++
			d.depth--
			return nil, false, nil
		case ',':
			d.pos++
			c = d.space()
		default:
			return nil, false, d.syntax("want a comma or }")
		}
	}
	if c != '"' {
		return nil, false, d.syntax("want a property name")
	}
	raw, plain, err := d.stringRaw()
	if err != nil {
		return nil, false, err
	}
	name = raw
	if !plain {
		name = unquoteJSON(nil, raw)
	}
	if d.space() != ':' {
		return nil, false, d.syntax("want a colon")
	}
	d.pos++
	return name, true, nil
}

// Array starts an array; false, with no error, is null.
func (d *Decoder) Array() (bool, error) {
	if d.space() != '[' {
		return false, d.other("an array")
	}
	return true, d.enter()
}

// Item moves to item i (from 0) of the array being read; false at its
// end.
func (d *Decoder) Item(i int) (bool, error) {
	c := d.space()
	if c == ']' && i == 0 {
		d.pos++
		d.depth--
		return false, nil
	}
	if i > 0 {
		switch c {
		case ']':
			d.pos++
			d.depth--
			return false, nil
		case ',':
			d.pos++
		default:
			return false, d.syntax("want a comma or ]")
		}
	}
	return true, nil
}

// plainByte marks the bytes a string holds as they are: ASCII but the
// quote, the backslash and control characters.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// stringRaw reads the string at d.pos and returns its content as written
// and whether it is plain: without escapes, the text itself. A string
// that is not valid text (see ValidText) is an error.
func (d *Decoder) stringRaw() ([]byte, bool, error) {
	start := d.pos + 1
	i := start
	plain, ascii := true, true
	for {
		// Eight bytes at a time while none ends or interrupts the run.
		for i+8 <= len(d.data) && !specialWord(binary.LittleEndian.Uint64(d.data[i:])) {
			i += 8
		}
		for i < len(d.data) && plainByte[d.data[i]] {
			i++
		}
		if i >= len(d.data) {
			d.pos = len(d.data)
			return nil, false, d.syntax("unterminated string")
		}
		switch c := d.data[i]; {
		case c == '"':
			d.pos = i + 1
			raw := d.data[start:i]
			if (!ascii || !plain) && !ValidText(raw, !plain) {
				return nil, false, NotText()
			}
			return raw, plain, nil
		case c == '\\':
			plain = false
			if i+1 >= len(d.data) {
				d.pos = len(d.data)
				return nil, false, d.syntax("unterminated string")
			}
			switch d.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d.data) || hex4(d.data[i+2:i+6]) < 0 {
					d.pos = i
					return nil, false, d.syntax("bad \\u escape")
				}
				i += 6
			default:
				d.pos = i
				return nil, false, d.syntax("bad escape")
			}
		case c < 0x20:
			d.pos = i
			return nil, false, d.syntax("control character in a string")
		default:
			ascii = false
			i++
		}
	}
}

// specialWord reports whether one of the eight bytes of x is not plain:
// a control character, a quote, a backslash or a byte of non-ASCII text.
func specialWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	return ((x-ones*0x20)&^x|(quote-ones)&^quote|(backslash-ones)&^backslash|x)&highs != 0
}

// unquoteJSON appends the text of a string's checked content to buf,
// escapes resolved (stringRaw has refused invalid UTF-8 and lone
// surrogates; were they there, they would be read as U+FFFD, as
// encoding/json reads them).
func unquoteJSON(buf, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			switch e := raw[i+1]; e {
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r := hex4(raw[i+2:])
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						if pair := utf16.DecodeRune(r, hex4(raw[i+2:])); pair != utf8.RuneError {
							buf = utf8.AppendRune(buf, pair)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r)
				continue
			default: // " \ /
				buf = append(buf, e)
			}
			i += 2
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, n := utf8.DecodeRune(raw[i:])
			buf = utf8.AppendRune(buf, r)
			i += n
		}
	}
	return buf
}

// Str reads a string into p.
func (d *Decoder) Str(p *string) error {
	if d.space() != '"' {
		return d.other("a string")
	}
	raw, plain, err := d.stringRaw()
	if err != nil {
		return err
	}
	if plain {
		*p = string(raw)
		return nil
	}
	d.buf = unquoteJSON(d.buf[:0], raw)
	*p = string(d.buf)
	return nil
}

// Bytes reads a base64 string into p, as encoding/json reads []byte.
func (d *Decoder) Bytes(p *[]byte) error {
	if d.space() != '"' {
		if d.literal("null") {
			*p = nil
			return nil
		}
		return d.mismatch("a base64 string")
	}
	raw, plain, err := d.stringRaw()
	if err != nil {
		return err
	}
	if !plain {
		raw = unquoteJSON(d.buf[:0], raw)
		d.buf = raw
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
	n, err := base64.StdEncoding.Decode(out, raw)
	if err != nil {
		return &FieldError{msg: "must be base64 (" + err.Error() + ")"}
	}
	*p = out[:n]
	return nil
}

func (d *Decoder) Bool(p *bool) error {
	switch {
	case d.space() == 't' && d.literal("true"):
		*p = true
	case d.space() == 'f' && d.literal("false"):
		*p = false
	default:
		return d.other("true or false")
	}
	return nil
}

// Skip reads a value of any kind, checking it.
func (d *Decoder) Skip() error {
	switch c := d.space(); {
	case c == '{':
		if err := d.enter(); err != nil {
			return err
		}
		for i := 0; ; i++ {
			_, more, err := d.Member(i)
			if !more {
				return err
			}
			if err := d.Skip(); err != nil {
				return err
			}
		}
	case c == '[':
		if err := d.enter(); err != nil {
			return err
		}
		for i := 0; ; i++ {
			more, err := d.Item(i)
			if !more {
				return err
			}
			if err := d.Skip(); err != nil {
				return err
			}
		}
	case c == '"':
		_, _, err := d.stringRaw()
		return err
	case isNumber(c):
		_, _, err := d.number()
		return err
	case d.literal("true"), d.literal("false"), d.literal("null"):
		return nil
	}
	return d.mismatch("a value")
}

// Raw reads a value of any kind and returns its text, a slice of the
// document.
func (d *Decoder) Raw() ([]byte, error) {
	d.space()
	start := d.pos
	if err := d.Skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// Unmarshal reads a value into a type with its own UnmarshalJSON, given
// the value's text as encoding/json gives it.
func (d *Decoder) Unmarshal(u json.Unmarshaler) error {
	raw, err := d.Raw()
	if err != nil {
		return err
	}
	return u.UnmarshalJSON(raw)
}

// Time reads a date-time into p as time.Time's UnmarshalJSON does: an
// RFC 3339 string without escapes, null for no change.
func (d *Decoder) Time(p *time.Time) error {
	if d.space() != '"' {
		return d.Unmarshal(p)
	}
	start := d.pos
	raw, _, err := d.stringRaw()
	if err != nil {
		return err
	}
	if bytes.IndexByte(raw, '\\') >= 0 {
		return p.UnmarshalJSON(d.data[start:d.pos])
	}
	return p.UnmarshalText(raw)
}

// Value reads a value the package holds as any or as another type
// without generated methods, with encoding/json. Numbers held as any are
// json.Number, the number as written: a float64 would change an integer
// beyond 2^53.
func (d *Decoder) Value(p any) error {
	raw, err := d.Raw()
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(p)
}
