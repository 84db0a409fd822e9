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

func TestBadText(t *testing.T) {
	for data, want := range map[string]bool{
		`{"a":"plain","b":["é","😀"]}`: false,
		`{"a":"\ud83d\ude00\ufffd"}`:  false,
		`{"a":"\\ud800"}`:             false,
		`{"\ud800":1}`:                true,
		`["x\ud800"]`:                 true,
		`["\udc00\ud800"]`:            true,
		`["\ud800\u0041"]`:            true,
		"[\"E\xffR\"]":                true,
		"[\"\xed\xa0\x80\"]":          true,
		`["\ud83d\ude00", "\ud83d"]`:  true,
	} {
		if got := BadText([]byte(data)); got != want {
			t.Errorf("BadText(%s) = %v, want %v", data, got, want)
		}
	}
}

func TestWholeNumbers(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":2.0,"b":"2.0","c":[1e0,1.8e1,-0.0,2.5,1e-1,1.0000000000000001]}`: `{"a":2,"b":"2.0","c":[1,18,0,2.5,1e-1,1.0000000000000001]}`,
		`[1e400, "x\"1.0"]`: `[1e400, "x\"1.0"]`,
	} {
		if got := string(WholeNumbers([]byte(in))); got != want {
			t.Errorf("WholeNumbers(%s) = %s, want %s", in, got, want)
		}
	}
}
