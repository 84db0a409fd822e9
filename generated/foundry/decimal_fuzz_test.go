package foundry_test

import (
	"encoding/json"
	"testing"

	"github.com/oasgen/oasgen/generated/foundry"
)

// FuzzDecimal checks that Decimal reads only decimal numbers, as numbers
// or strings, and writes back exactly the text it read.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{`100`, `"90.00"`, `-1.5e10`, `"1e400"`, `"abc"`, `1.`, `"-0"`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d foundry.Decimal
		if json.Unmarshal(data, &d) != nil {
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("%q decoded to %q, which does not encode: %v", data, d, err)
		}
		var s foundry.DecimalString
		if err := json.Unmarshal(out, &s); err != nil || string(s) != string(d) {
			t.Fatalf("%q: %q then %q (%v)", data, d, s, err)
		}
	})
}
