package checks

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/oasgen/oasgen/internal/jsontest"

	"github.com/oasgen/oasgen/oasrt"
)

// FuzzStrictDecode checks the strict pass (then encoding/json) against encoding/json on a body
// with every kind of value (a union, maps, nested arrays, a nullable, an
// any): what it accepts is valid JSON without a repeated key or a
// top-level key in another case than its property, and decodes as
// encoding/json decodes it; invalid JSON is refused.
func FuzzStrictDecode(f *testing.F) {
	for _, seed := range []string{
		`{"count":3,"choice":{"x":0,"y":0},"labels":{"a":"b"},"grid":[[1],[2,3]],"note":null,"extra":[{"k":1}]}`,
		`{"count":3,"choice":"ab","COUNT":4}`,
		`{"count":3,"choice":{"x":0,"y":0,"X":1}}`,
		`{"count":3,"labels":{"a":"1","a":"2"}}`,
		`{"count":3,"extra":{"k":1,"\u006b":2}}`,
		`{"count":3,"strict":{"a":"x","b":1}}`,
		`{"count":1e2}`, `{"count":3}  x`, `[{"count":3}]`,
	} {
		f.Add([]byte(seed))
	}
	props := []string{"choice", "code", "color", "count", "day", "email", "even", "extra", "grid", "ip", "labels",
		"level", "note", "points", "price", "ratio", "site", "step", "strict", "tags"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got Everything
		err := strictThenJSON(data, requestRules()["Check body"], &got)
		if !json.Valid(data) {
			if err == nil {
				t.Fatalf("accepted invalid JSON %q", data)
			}
			return
		}
		if err != nil {
			return
		}
		if key, dup := jsontest.RepeatedKey(data); dup {
			t.Fatalf("accepted %q, which repeats %q", data, key)
		}
		if key, folded := jsontest.FoldedKey(data, props); folded {
			t.Fatalf("accepted %q, whose key %q is a property in another case", data, key)
		}
		var want Everything
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("accepted %q, which encoding/json refuses: %v", data, err)
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		if !bytes.Equal(a, b) {
			t.Fatalf("%q decoded as %s, encoding/json %s", data, a, b)
		}
		// The typed check never panics on what the pass let through.
		_ = validateEverything(&got)
	})
}

// strictThenJSON is the server's path for a body without a generated
// reader: the strict pass over data, then encoding/json into dst.
func strictThenJSON(data []byte, r *oasrt.Rule, dst any) error {
	if err := oasrt.CheckStrict(data, r, nil); err != nil {
		return err
	}
	return json.Unmarshal(data, dst)
}
