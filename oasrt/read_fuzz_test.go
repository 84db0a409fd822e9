package oasrt

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzDecoder holds the runtime's reader to encoding/json on any input:
// what it accepts as one JSON document, encoding/json accepts; what
// encoding/json accepts, it accepts too, unless a string holds what the
// reader refuses on purpose (invalid UTF-8, an escaped surrogate that is
// not half of a pair: RFC 8259 text); Raw returns the value's exact
// bytes, and encoding/json reads a string as Str does.
func FuzzDecoder(f *testing.F) {
	for _, s := range []string{
		`{"a":[1,2.5e3,-0,true,false,null,"x\u00e9\n"]}`, ` [ ] `, `{}`, `"\ud83d\ude00"`, `"\ud83d"`,
		`{"a":1,"a":2}`, `[1,]`, `01`, `1.`, `-`, `"\x"`, "\"\xff\"", `[[[[[]]]]]`, `{"a" 1}`, `nul`, `1 2`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data)
		raw, err := d.Raw()
		if err == nil {
			err = d.End()
		}
		valid := json.Valid(data)
		if err == nil && !valid {
			t.Fatalf("%q: accepted, encoding/json refuses it", data)
		}
		if err != nil {
			if valid && utf8.Valid(data) && !bytes.Contains(data, []byte(`\u`)) {
				t.Fatalf("%q: refused (%v), encoding/json accepts it", data, err)
			}
			return
		}
		if want := bytes.TrimSpace(data); !bytes.Equal(raw, want) {
			t.Fatalf("%q: Raw = %q, want %q", data, raw, want)
		}
		if len(raw) > 0 && raw[0] == '"' {
			var got, want string
			d := NewDecoder(data)
			if err := d.Str(&got); err != nil {
				return // not valid text: refused on purpose
			}
			if err := json.Unmarshal(data, &want); err != nil || got != want {
				t.Fatalf("%q: Str = %q, encoding/json %q (%v)", data, got, want, err)
			}
		}
	})
}
