package models_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/models"
)

// decodeEncode decodes data into a new T and encodes it again.
func decodeEncode[T any](t *testing.T, data string) (T, string) {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	out, err := json.Marshal(&v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return v, string(out)
}

// sameJSON compares two documents as values.
func sameJSON(t *testing.T, got, want string) {
	t.Helper()
	var a, b any
	if err := json.Unmarshal([]byte(got), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatal(err)
	}
	ga, _ := json.Marshal(a)
	gb, _ := json.Marshal(b)
	if string(ga) != string(gb) {
		t.Errorf("got  %s\nwant %s", ga, gb)
	}
}

// TestHolderKeepsEverything: empty lists, null lists, null items and map
// values, free-form objects, values without a schema, a required
// property the schema does not describe, and an allOf around a union all
// survive a round trip.
func TestHolderKeepsEverything(t *testing.T) {
	in := `{"tags":[],"optionalTags":[],"maybeTags":null,"scores":[1,null,3],"labels":{"a":null,"b":"x"},` +
		`"freeForm":{"k":[1,{"deep":true}],"n":null},"anything":{"x":1},"lock":{"type":"lock","access":"all"},` +
		`"agent":{"type":"group","id":"g1","name":"admins"},"level":"extreme"}`
	v, out := decodeEncode[models.Holder](t, in)
	sameJSON(t, out, in)
	if v.Agent == nil || v.Agent.GroupRef == nil || v.Agent.UserRef != nil {
		t.Errorf("agent decoded as %+v, want the group", v.Agent)
	}
	if v.Level == nil || v.Level.Valid() {
		t.Errorf("an unknown enum value is kept, and not Valid: %v", v.Level)
	}
	_, out = decodeEncode[models.Holder](t, `{"tags":["a"],"lock":{"type":1}}`)
	sameJSON(t, out, `{"tags":["a"],"lock":{"type":1}}`)
}

// TestUnionsDecodeByTheirRules: oneOf keeps the alternative that fits
// best, told apart by required properties, one-value enums and patterns;
// a tie is an error naming the alternatives; anyOf keeps every
// alternative and merges them on encoding.
func TestUnionsDecodeByTheirRules(t *testing.T) {
	v2 := `{"sid":"SM1","body":"hi","media_url":"https://m","status_url":"https://s"}`
	msg, out := decodeEncode[models.Message](t, v2)
	if msg.MessageV2 == nil || msg.MessageV1 != nil {
		t.Errorf("a v2 message decoded as %+v", msg)
	}
	sameJSON(t, out, v2)
	if msg, _ := decodeEncode[models.Message](t, `{"sid":"SM1","body":"hi"}`); msg.MessageV1 == nil {
		t.Errorf("a v1 message decoded as %+v", msg)
	}

	group := `{"type":"group","id":"g1","name":"admins"}`
	p, out := decodeEncode[models.Principal](t, group)
	if p.GroupRef == nil || p.UserRef != nil {
		t.Errorf("a group decoded as %+v", p)
	}
	sameJSON(t, out, group)

	var amb models.Ambiguous
	if err := json.Unmarshal([]byte(`{"a":"x"}`), &amb); err == nil || !strings.Contains(err.Error(), "fits several alternatives") {
		t.Errorf("ambiguous value: err = %v", err)
	}
	if err := json.Unmarshal([]byte(`{"type":"robot","id":"r"}`), &p); err == nil || !strings.Contains(err.Error(), "none of the alternatives (UserRef, GroupRef)") {
		t.Errorf("no alternative: err = %v", err)
	}

	both := `{"name":"ann","number":7}`
	r, out := decodeEncode[models.Reviewer](t, both)
	if r.ReviewerNamed == nil || r.ReviewerNumbered == nil {
		t.Errorf("anyOf kept %+v, want both", r)
	}
	sameJSON(t, out, both)

	for in, want := range map[string]string{`"none"`: "none", `"365"`: "pattern"} {
		l, out := decodeEncode[models.Limit](t, in)
		if got := map[bool]string{true: "none", false: "pattern"}[l.LimitVariant1 != nil]; got != want {
			t.Errorf("%s decoded as %+v", in, l)
		}
		sameJSON(t, out, in)
	}

	var nothing models.Principal
	if err := json.Unmarshal([]byte(`null`), &nothing); err != nil || nothing != (models.Principal{}) {
		t.Errorf("null: %+v, %v", nothing, err)
	}
}
