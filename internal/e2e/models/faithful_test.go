package models_test

import (
	"encoding/json"
	"reflect"
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
	robot := `{"type":"robot","id":"r"}`
	if err := json.Unmarshal([]byte(robot), &p); err != nil || p.Unknown == nil || p.UserRef != nil || p.GroupRef != nil {
		t.Errorf("no alternative: %+v, err = %v", p, err)
	} else if out, err := json.Marshal(p); err != nil || string(out) != robot {
		t.Errorf("no alternative written back as %s (%v)", out, err)
	}

	both := `{"name":"ann","number":7}`
	r, out := decodeEncode[models.Reviewer](t, both)
	if r.ReviewerNamed == nil || r.ReviewerNumbered == nil {
		t.Errorf("anyOf kept %+v, want both", r)
	}
	sameJSON(t, out, both)
	// Each alternative holds the other's property as unknown; a change to
	// the field that declares it wins, and the members neither declares
	// are written once.
	r = decode[models.Reviewer](t, `{"name":"ann","number":7,"since":2019}`)
	r.ReviewerNumbered.Number = 8
	want := `{"name":"ann","number":8,"since":2019}`
	if _, kept := reflect.TypeFor[models.ReviewerNamed]().FieldByName("Unknown"); !kept {
		// The -json=stdlib copy of the package: encoding/json drops them.
		want = `{"name":"ann","number":8}`
	}
	sameJSON(t, encode(t, r), want)

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

// TestUnionsAgreeWithJSONSchema: an instance that validates against
// exactly one alternative decodes to it, whatever keyword tells the
// alternatives apart: enums of several values, patterns, bounds, lengths,
// formats, required properties of nested objects, items, a closed object
// const, and an integer format (a value no int32 holds is the int64
// alternative); the alternative that declares most of a value is not it
// when what it declares is none of its own alternatives. A value valid against two is refused, as oneOf says.
func TestUnionsAgreeWithJSONSchema(t *testing.T) {
	for in, want := range map[string]string{`{"type":"await"}`: "await", `{"type":"sdk","appId":"x"}`: "sdk", `{"type":"wechatpaySDK"}`: "sdk"} {
		p, out := decodeEncode[models.Payment](t, in)
		if got := map[bool]string{true: "await", false: "sdk"}[p.Await != nil]; got != want || (p.Await == nil) == (p.Sdk == nil) {
			t.Errorf("%s decoded as %+v, want %s", in, p, want)
		}
		sameJSON(t, out, in)
	}
	for _, tc := range []struct {
		in   string
		pick func(k models.ByKeyword) [2]bool // which of the two alternatives is set
		want int
	}{
		{`{"pattern":"abc"}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Pattern.A != nil, k.Pattern.B != nil} }, 0},
		{`{"pattern":"bcd"}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Pattern.A != nil, k.Pattern.B != nil} }, 1},
		{`{"range":3}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Range.Small != nil, k.Range.Large != nil} }, 0},
		{`{"range":30}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Range.Small != nil, k.Range.Large != nil} }, 1},
		{`{"length":"abc"}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Length.Short != nil, k.Length.Long != nil} }, 0},
		{`{"length":"abcd"}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Length.Short != nil, k.Length.Long != nil} }, 1},
		{`{"format":"2026-12-02"}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Format.Day != nil, k.Format.ID != nil} }, 0},
		{`{"format":"0b5a4d5e-8e3a-4a57-9b5e-0d6c1f2e3a4b"}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Format.Day != nil, k.Format.ID != nil} }, 1},
		{`{"bytes":"l\"vv"}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Bytes.ByKeywordBytesWords != nil, k.Bytes.Raw != nil}
		}, 0},
		{`{"nested":{"inner":{"x":"1"}}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Nested.ByKeywordNestedWithX != nil, k.Nested.ByKeywordNestedWithY != nil}
		}, 0},
		{`{"nested":{"inner":{"y":"1"}}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Nested.ByKeywordNestedWithX != nil, k.Nested.ByKeywordNestedWithY != nil}
		}, 1},
		{`{"items":["a","aa"]}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Items.As != nil, k.Items.Bs != nil} }, 0},
		{`{"items":["bb"]}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Items.As != nil, k.Items.Bs != nil} }, 1},
		{`{"closed":{"a":"x","b":1}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Closed.ByKeywordClosedPlain != nil, k.Closed.ByKeywordClosedExtended != nil}
		}, 1},
		{`{"width":9007199254741383}`, func(k models.ByKeyword) [2]bool { return [2]bool{k.Width.Narrow != nil, k.Width.Wide != nil} }, 1},
		{`{"fallback":{"config":{"a":"x","b":"y"}}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Fallback.ByKeywordFallbackStrict != nil, k.Fallback.ByKeywordFallbackLoose != nil}
		}, 1},
		{`{"fallback":{"config":{"a":"x"}}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Fallback.ByKeywordFallbackStrict != nil, k.Fallback.ByKeywordFallbackLoose != nil}
		}, 0},
		{`{"constant":{"kind":1,"v":"x"}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Constant.ByKeywordConstantFirst != nil, k.Constant.ByKeywordConstantSecond != nil}
		}, 0},
		{`{"constant":{"kind":2}}`, func(k models.ByKeyword) [2]bool {
			return [2]bool{k.Constant.ByKeywordConstantFirst != nil, k.Constant.ByKeywordConstantSecond != nil}
		}, 1},
	} {
		k, out := decodeEncode[models.ByKeyword](t, tc.in)
		if got := tc.pick(k); !got[tc.want] || got[1-tc.want] {
			t.Errorf("%s: alternatives set %v, want only #%d", tc.in, got, tc.want)
		}
		if !strings.Contains(tc.in, `"closed"`) && !strings.Contains(tc.in, `"fallback"`) {
			// (An alternative keeps only what it declares.)
			sameJSON(t, out, tc.in)
		}
	}
	// Valid against both: oneOf refuses it.
	var k models.ByKeyword
	if err := json.Unmarshal([]byte(`{"closed":{"a":"x"}}`), &k); err == nil || !strings.Contains(err.Error(), "fits several alternatives") {
		t.Errorf("a value both alternatives accept: err = %v", err)
	}
}
