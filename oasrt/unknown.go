package oasrt

import "unicode/utf8"

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
	buf = AppendCompactJSON(buf, value)
	return append(buf, ','), nil
}

// AppendCompactJSON appends src, a checked JSON value, without its white
// space and with the characters encoding/json escapes in strings escaped
// (<, >, &, U+2028, U+2029), as encoding/json writes a json.RawMessage.
func AppendCompactJSON(b, src []byte) []byte {
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
