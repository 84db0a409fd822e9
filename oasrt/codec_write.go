package oasrt

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// The writers the generated appendJSON methods call: each appends what
// encoding/json writes for the same value.

// The member writers append a member's key (a comma, the name as a JSON
// string, a colon) and its value: each member of a struct writer is one
// call. They are inlined, which puts the append of the constant key in
// the caller: measured, not inlining them makes the largest packages'
// compiles about 8% smaller and encoding 10% slower. Decoder.Null,
// EndJSONArray and ReleaseBody are not inlined: that costs nothing
// measurable at run time, and their copies at thousands of call sites
// made the largest packages' compiles larger.

func AppendMemberString(b []byte, key, s string) []byte {
	return AppendJSONString(append(b, key...), s)
}

func AppendMemberInt(b []byte, key string, n int64) []byte {
	return strconv.AppendInt(append(b, key...), n, 10)
}

func AppendMemberBool(b []byte, key string, v bool) []byte {
	return strconv.AppendBool(append(b, key...), v)
}

func AppendMemberTime(b []byte, key string, t time.Time) ([]byte, error) {
	return AppendJSONTime(append(b, key...), t)
}

// AppendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it: HTML-safe, invalid UTF-8 as U+FFFD, U+2028 and U+2029
// escaped.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if safeByte[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigit[c>>4], hexDigit[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += n
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigit[r&0xf])
			i += n
			start = i
			continue
		}
		i += n
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigit = "0123456789abcdef"

// safeByte marks the ASCII bytes a JSON string holds as they are.
var safeByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// AppendJSONFloat appends f as encoding/json writes a float of bits
// bits; NaN and infinities are errors.
func AppendJSONFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, &json.UnsupportedValueError{Str: strconv.FormatFloat(f, 'g', -1, bits)}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// e-09 to e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// AppendJSONTime appends t as time.Time's MarshalJSON writes it.
func AppendJSONTime(b []byte, t time.Time) ([]byte, error) {
	b = append(b, '"')
	b, err := t.AppendText(b)
	if err != nil {
		return b, err
	}
	return append(b, '"'), nil
}

// AppendJSONBytes appends p as encoding/json writes []byte: base64, or
// null for nil.
func AppendJSONBytes(b []byte, p []byte) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, p)
	return append(b, '"')
}

// AppendJSONMarshaler appends what m's MarshalJSON writes.
func AppendJSONMarshaler(b []byte, m json.Marshaler) ([]byte, error) {
	data, err := m.MarshalJSON()
	return append(b, data...), err
}

// AppendJSONValue appends v, a value without generated methods, with
// encoding/json.
func AppendJSONValue(b []byte, v any) ([]byte, error) {
	data, err := json.Marshal(v)
	return append(b, data...), err
}

// bufferPool holds the buffers JSON is written into or read into before
// it is copied out or decoded (see GetBuffer).
var bufferPool = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBuffer is the largest buffer put back into bufferPool.
const maxPooledBuffer = 4 << 20

// GetBuffer returns an empty pooled buffer; PutBuffer(buf, b) gives it back
// with b, what was appended to it.
func GetBuffer() *[]byte {
	buf := bufferPool.Get().(*[]byte)
	*buf = (*buf)[:0]
	return buf
}

func PutBuffer(buf *[]byte, b []byte) {
	if cap(b) <= maxPooledBuffer {
		*buf = b
		bufferPool.Put(buf)
	}
}

// MarshalWith returns what encode appends, in a slice of its own size,
// written through a pooled buffer.
func MarshalWith(encode func(b []byte) ([]byte, error)) ([]byte, error) {
	buf := GetBuffer()
	b, err := encode(*buf)
	var out []byte
	if err == nil {
		out = append([]byte(nil), b...)
	}
	PutBuffer(buf, b)
	return out, err
}

// EndJSONObject closes an object whose members each end with a comma.
func EndJSONObject(b []byte) []byte {
	if b[len(b)-1] == ',' {
		b[len(b)-1] = '}'
		return b
	}
	return append(b, '}')
}

// CloseJSONObject ends an object whose members, from b[start:], each
// begin with a comma: the first comma becomes its opening brace.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func CloseJSONObject(b []byte, start int) []byte {
	if len(b) == start {
		return append(b, "{}"...)
	}
	b[start] = '{'
	return append(b, '}')
}

// EndJSONArray closes an array whose items each end with a comma.
//
//go:noinline
func EndJSONArray(b []byte) []byte {
	if b[len(b)-1] == ',' {
		b[len(b)-1] = ']'
		return b
	}
	return append(b, ']')
}

// AppendOptString appends key and the JSON string *s to b, or nothing when
// s is nil: an omitempty pointer member in one call.
func AppendOptString[S ~string](b []byte, key string, s *S) []byte {
	if s == nil {
		return b
	}
	return AppendJSONString(append(b, key...), string(*s))
}

// AppendOptInt is AppendOptString for an integer member.
func AppendOptInt[I ~int | ~int8 | ~int16 | ~int32 | ~int64](b []byte, key string, n *I) []byte {
	if n == nil {
		return b
	}
	return strconv.AppendInt(append(b, key...), int64(*n), 10)
}

// AppendOptBool is AppendOptString for a boolean member.
func AppendOptBool[B ~bool](b []byte, key string, v *B) []byte {
	if v == nil {
		return b
	}
	return strconv.AppendBool(append(b, key...), bool(*v))
}
