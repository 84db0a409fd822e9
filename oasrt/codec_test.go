package oasrt

import (
	"encoding/binary"
	"encoding/json"
	"testing"
	"time"
)

// TestSpecialWord holds the eight-byte test of the string reader to the
// byte table, for every byte at every place, and for pairs of bytes.
func TestSpecialWord(t *testing.T) {
	for i := 0; i < 256; i++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(i)
			got := specialWord(binary.LittleEndian.Uint64(b))
			want := !plainByte[byte(i)]
			if got != want {
				t.Fatalf("byte %#x at %d: got %v", i, pos, got)
			}
		}
	}
	// two specials
	for i := 0; i < 256; i++ {
		for j := 0; j < 256; j++ {
			b := []byte("abcdefgh")
			b[2] = byte(i)
			b[5] = byte(j)
			if specialWord(binary.LittleEndian.Uint64(b)) != (!plainByte[byte(i)] || !plainByte[byte(j)]) {
				t.Fatalf("%x %x", i, j)
			}
		}
	}
}

// TestMemberWriters: each member writer appends its key and the value as
// encoding/json writes it, and FormatInt is strconv's base 10.
func TestMemberWriters(t *testing.T) {
	at := time.Date(2026, 12, 3, 10, 4, 5, 600, time.FixedZone("", 3600))
	tb, err := AppendMemberTime([]byte("{"), `"t":`, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ got, want string }{
		{string(AppendMemberString([]byte("{"), `"s":`, "a\"<\u2028")), `{"s":` + `"a\"\u003c\u2028"`},
		{string(AppendMemberInt([]byte("{"), `,"n":`, -42)), `{,"n":-42`},
		{string(AppendMemberBool([]byte("{"), `"b":`, true)), `{"b":true`},
		{string(AppendMemberBool(nil, `"b":`, false)), `"b":false`},
		{string(tb), `{"t":"2026-12-03T10:04:05.0000006+01:00"`},
		{FormatInt(-9007199254740993), "-9007199254740993"},
		{FormatInt(7), "7"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
}

// TestOptionalMembers holds the writers of omitempty pointer members
// against encoding/json, nil and not, over named types as generated
// packages declare them.
func TestOptionalMembers(t *testing.T) {
	type color string
	type count int32
	type flag bool
	type doc struct {
		S *color `json:"s,omitempty"`
		N *count `json:"n,omitempty"`
		B *flag  `json:"b,omitempty"`
	}
	write := func(v doc) string {
		b := []byte("{")
		b = AppendOptString(b, `"s":`, v.S)
		b = AppendOptInt(b, `,"n":`, v.N)
		b = AppendOptBool(b, `,"b":`, v.B)
		return string(append(b, '}'))
	}
	s, n, f := color("<x>\u2029"), count(-2147483648), flag(false)
	for _, v := range []doc{{}, {S: &s, N: &n, B: &f}} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := write(v); got != string(want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if got := write(doc{N: &n}); got != `{,"n":-2147483648}` {
		t.Errorf("a member after a missing one: got %s", got)
	}
}
