package instances

import (
	"math/rand/v2"
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
