package jsontest

import "testing"

func TestSameUpToFloat(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{`{"a":1.0}`, `{"a":1}`, true},
		{`[9007199254740993]`, `[9007199254740992]`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`{"a":"1.0"}`, `{"a":"1"}`, false},
		{`"\u003c"`, `"<"`, false},
		{`"a\"1.0"`, `"a\"1"`, false},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`[1e2,-0.5]`, `[100,-5e-1]`, true},
	} {
		if got := SameUpToFloat([]byte(tc.a), []byte(tc.b)); got != tc.same {
			t.Errorf("SameUpToFloat(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}
