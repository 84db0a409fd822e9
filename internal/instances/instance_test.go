package instances

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestInexactEnum: kin-openapi reads 9007199254740993 as the float64
// 9007199254740992, a value the spec does not allow; no instance uses it.
func TestInexactEnum(t *testing.T) {
	for _, tc := range []struct {
		schema string
		want   []string
	}{
		{`{"type":"integer","enum":[9007199254740993]}`, nil},
		{`{"type":"integer","enum":[1,9007199254740993]}`, []string{"1"}},
		{`{"type":"array","enum":[[2,9007199254740993]]}`, nil},
		{`{"type":"integer","enum":[9007199254740991]}`, []string{"9007199254740991"}},
	} {
		var s openapi3.Schema
		if err := s.UnmarshalJSON([]byte(tc.schema)); err != nil {
			t.Fatal(err)
		}
		got, _ := Of(rand.New(rand.NewPCG(1, 2)), &s, 3, false)
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %q, want %q", tc.schema, got, tc.want)
			continue
		}
		for i := range got {
			if string(got[i]) != tc.want[i] {
				t.Errorf("%s: got %s, want %s", tc.schema, got[i], tc.want[i])
			}
		}
	}
}

// TestFormatsAsserted: every format a generated server checks is asserted
// by the oracle, in OpenAPI 3.0 and 3.1 documents; an oracle that let
// one through would count a correct refusal as a loss, or (inside a
// oneOf) a value that fits two alternatives as one that fits one.
func TestFormatsAsserted(t *testing.T) {
	for _, tc := range []struct{ format, valid, invalid string }{
		{"date-time", `"2026-12-02T10:00:00Z"`, `"2026-12-02"`},
		{"date", `"2026-12-02"`, `"p "`},
		{"uuid", `"123e4567-e89b-12d3-a456-426614174000"`, `"p "`},
		{"email", `"a@b.example"`, `"Bob <a@b.example>"`},
		{"uri", `"https://x.example/y"`, `"no scheme"`},
		{"ipv4", `"192.0.2.1"`, `"p "`},
		{"ipv4", `"192.0.2.1"`, `"::1"`},
		{"ipv6", `"2001:db8::1"`, `"192.0.2.1"`},
		{"ipv6", `"2001:db8::1"`, `"fe80::1%eth0"`},
		{"byte", `"aGVsbG8="`, `"aGVsbG8"`},
	} {
		var s openapi3.Schema
		if err := s.UnmarshalJSON([]byte(`{"type":"string","format":"` + tc.format + `"}`)); err != nil {
			t.Fatal(err)
		}
		for _, v31 := range []bool{false, true} {
			if err := Valid(&s, []byte(tc.valid), v31); err != nil {
				t.Errorf("%s (3.1 %v): %s refused: %v", tc.format, v31, tc.valid, err)
			}
			if Valid(&s, []byte(tc.invalid), v31) == nil {
				t.Errorf("%s (3.1 %v): %s accepted", tc.format, v31, tc.invalid)
			}
		}
	}
}

// TestUndeclaredProperties: an object that allows properties besides
// those it declares gets some in some instances (not the first, which has
// nothing optional); a closed one, or one whose extra properties have a
// schema, gets none of them.
func TestUndeclaredProperties(t *testing.T) {
	for _, tc := range []struct {
		schema string
		want   bool
	}{
		{`{"type":"object","properties":{"a":{"type":"string"}}}`, true},
		{`{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true}`, true},
		{`{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}`, false},
		{`{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"integer"}}`, false},
	} {
		var s openapi3.Schema
		if err := s.UnmarshalJSON([]byte(tc.schema)); err != nil {
			t.Fatal(err)
		}
		got, _ := Of(rand.New(rand.NewPCG(1, 2)), &s, 8, false)
		found := false
		for i, inst := range got {
			has := strings.Contains(string(inst), `"undeclared_0"`)
			if i == 0 && has {
				t.Errorf("%s: the first instance %s has an undeclared property", tc.schema, inst)
			}
			found = found || has
		}
		if found != tc.want {
			t.Errorf("%s: undeclared properties in %q: %v, want %v", tc.schema, got, found, tc.want)
		}
	}
}

// TestDeterministic: the same seed gives the same instances, also where
// the generator walks what a map holds (allOf parts that require what
// another declares, required names no part declares). It did not, and
// make fidelity's count of skipped schemas changed from run to run.
func TestDeterministic(t *testing.T) {
	var s openapi3.Schema
	src := `{"allOf":[
		{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"},"c":{"type":"number"},"d":{"type":"boolean"}}},
		{"type":"object","properties":{"x":{"type":"string"}},"required":["a","b","c","d","e","f","g"]}]}`
	if err := s.UnmarshalJSON([]byte(src)); err != nil {
		t.Fatal(err)
	}
	var first string
	for i := range 20 {
		got, why := Of(rand.New(rand.NewPCG(1, 2)), &s, 3, false)
		if len(got) == 0 {
			t.Fatalf("no instances: %s", why)
		}
		var text string
		for _, g := range got {
			text += string(g) + "\n"
		}
		if i == 0 {
			first = text
		} else if text != first {
			t.Fatalf("run %d differs:\n%s\nfrom\n%s", i, text, first)
		}
	}
}
