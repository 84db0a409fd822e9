package foundry

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/oasgen/oasgen/internal/jsontest"

	"github.com/oasgen/oasgen/oasrt"
)

// FuzzStrictDecode checks the strict pass (then encoding/json) against encoding/json on any bytes,
// for two request bodies of the ledger: what it accepts is valid JSON,
// has no key twice at any depth (keys compared after unescaping), has no
// top-level key that names a property in another case, and decodes as
// encoding/json decodes it; what encoding/json cannot parse it refuses.
func FuzzStrictDecode(f *testing.F) {
	for _, seed := range []string{
		`{"account_id":"a","amount":5,"type":"ISSUE"}`,
		`{"account_id":"a","amount":5,"AMOUNT":-1,"type":"ISSUE"}`,
		`{"code":"X","scale":2,"metadata":{"a":"1","b":"2"}}`,
		`{"code":"X","scale":2,"metadata":{"a":"1","\u0061":"2"}}`,
		`{"code":"X","scale":2,"ſcale":3}`,
		`{"code":"X","scale":2,"extra":[1,{"x":null}]}`,
		`{"code":"\ud800","scale":2}`,
		`[{"code":"X"}]`, `"x"`, `nul`, `{"code":"X","scale":2}}`,
		"{\"code\":\"\",\"scale\":0,\"\xa3\":0,\"\xc5\":0}", // two invalid keys encoding/json reads alike
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStrict(t, data, "CreateLedgerAsset body", func() any { return new(NewAsset) }, []string{"code", "metadata", "name", "scale"})
		checkStrict(t, data, "CreateLedgerTransaction body", func() any { return new(NewTransaction) }, []string{"account_id", "amount", "description", "metadata", "type"})
	})
}

func checkStrict(t *testing.T, data []byte, op string, fresh func() any, props []string) {
	got := fresh()
	err := strictThenJSON(data, requestRules()[op], got)
	if !json.Valid(data) {
		if err == nil {
			t.Fatalf("%s: accepted invalid JSON %q", op, data)
		}
		return
	}
	if err != nil {
		return
	}
	if key, dup := jsontest.RepeatedKey(data); dup {
		t.Fatalf("%s: accepted %q, which repeats %q", op, data, key)
	}
	if key, folded := jsontest.FoldedKey(data, props); folded {
		t.Fatalf("%s: accepted %q, whose key %q is a property in another case", op, data, key)
	}
	want := fresh()
	if err := json.Unmarshal(data, want); err != nil {
		t.Fatalf("%s: accepted %q, which encoding/json refuses: %v", op, data, err)
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Fatalf("%s: %q decoded as %s, encoding/json %s", op, data, a, b)
	}
}

// TestCheckAllocatesNothing: the generated check of a valid typed value,
// and the strict pass over valid JSON, allocate nothing.
func TestCheckAllocatesNothing(t *testing.T) {
	desc := "coffee"
	tx := NewTransaction{AccountID: "acc_1", Amount: 250, Type: TransactionTypeIssue, Description: &desc}
	meta := Metadata{"a": "1"}
	asset := NewAsset{Code: "EUR", Scale: 2, Metadata: &meta}
	for name, check := range map[string]func() error{
		"validateNewTransaction": func() error { return validateNewTransaction(&tx) },
		"validateNewAsset":       func() error { return validateNewAsset(&asset) },
	} {
		if n := testing.AllocsPerRun(100, func() {
			if err := check(); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
	body := []byte(`{"account_id":"acc_1","amount":250,"type":"ISSUE","description":"coffee","metadata":{"k":"v","w":"x"}}`)
	r := requestRules()["CreateLedgerTransaction body"]
	if n := testing.AllocsPerRun(100, func() {
		if err := oasrt.CheckStrict(body, r, nil); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("strict pass: %v allocations, want 0", n)
	}
}

// strictThenJSON is the server's path for a body without a generated
// reader: the strict pass over data, then encoding/json into dst.
func strictThenJSON(data []byte, r *oasrt.Rule, dst any) error {
	if err := oasrt.CheckStrict(data, r, nil); err != nil {
		return err
	}
	return json.Unmarshal(data, dst)
}
