package roundtrip

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSameJSON: the comparison sees lost and added keys, nulls, exact
// numbers and date-times as instants.
func TestSameJSON(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1.0}`, true},
		{`{"a":null}`, `{}`, false},
		{`{"a":[]}`, `{}`, false},
		{`9007199254740993`, `9007199254740992`, false},
		{`"2026-01-01T00:00:00Z"`, `"2026-01-01T01:00:00+01:00"`, true},
		{`{"a":{"b":1}}`, `{"a":{"b":1,"c":2}}`, false},
		{`3.2e9`, `3200000000`, true},
	} {
		if got := SameJSON([]byte(tc.a), []byte(tc.b)); got != tc.same {
			t.Errorf("SameJSON(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}

// TestClasses: each way an instance can come back is classed as make
// fidelity counts it.
func TestClasses(t *testing.T) {
	s := &openapi3.Schema{
		Properties: openapi3.Schemas{
			"a":    {Value: &openapi3.Schema{}},
			"list": {Value: &openapi3.Schema{Items: &openapi3.SchemaRef{Value: &openapi3.Schema{}}}},
		},
		OneOf: openapi3.SchemaRefs{{Value: &openapi3.Schema{Properties: openapi3.Schemas{"b": {Value: &openapi3.Schema{}}}}}},
	}
	for _, tc := range []struct {
		in, out, err, want string
	}{
		{`{"a":1}`, `{"a":1}`, "", ""},
		{`{"a":3.2e9}`, `{"a":3200000000}`, "", ""},
		{`{"a":1}`, ``, "Pay: the JSON value fits several alternatives as well: A, B", Ambiguous},
		{`{"a":1}`, ``, "Pay: the JSON value fits none of the alternatives (A, B)", Refused},
		{`{"a":1,"b":2}`, `{"a":1}`, "", Dropped},
		{`{"a":1,"list":[1,2]}`, `{"a":1,"list":[1]}`, "", Dropped},
		{`{"a":1,"z":2}`, `{"a":1}`, "", Unknown},
		{`{"a":9007199254740993}`, `{"a":9007199254740992}`, "", Changed},
		{`{"a":null}`, `{"a":{}}`, "", Changed},
		{`{"a":1}`, `{"a":1,"c":0}`, "", Changed},
		{`{"a":1,"z":2,"b":3}`, `{"a":1}`, "", Dropped},
	} {
		got := ""
		if l := LossOf(&Outcome{In: []byte(tc.in), Out: []byte(tc.out), Err: tc.err}, s, false); l != nil {
			got = l.Class
		}
		if got != tc.want {
			t.Errorf("%s → %s (%s): class %q, want %q", tc.in, tc.out, tc.err, got, tc.want)
		}
	}
}
