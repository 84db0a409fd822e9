package growth

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/growth/v1"
)

// TestUnknownMembers: the API of the members a struct keeps.
func TestUnknownMembers(t *testing.T) {
	var u v1.UnknownMembers
	if u.Len() != 0 || u.String() != "{}" {
		t.Errorf("zero value: %d %s", u.Len(), u)
	}
	if _, ok := u.Get("a"); ok {
		t.Error("zero value has a member")
	}
	if err := u.Set("a", json.RawMessage(` { "x" : [1, 2] } `)); err != nil {
		t.Fatal(err)
	}
	if err := u.Set("b<", json.RawMessage(`"<&>\u2028"`)); err != nil {
		t.Fatal(err)
	}
	if err := u.Set("c", json.RawMessage(`{`)); err == nil {
		t.Error("Set took a value that is not JSON")
	}
	if got := u.String(); got != `{"a":{"x":[1,2]},"b\u003c":"\u003c\u0026\u003e\u2028"}` {
		t.Errorf("compact and escaped as encoding/json writes: %s", got)
	}
	// Set replaces, and moves the member last.
	if err := u.Set("a", json.RawMessage(`9007199254740993`)); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range u.All() {
		names = append(names, k)
	}
	if !slices.Equal(names, []string{"b<", "a"}) || u.Len() != 2 {
		t.Errorf("names %q", names)
	}
	if v, ok := u.Get("a"); !ok || string(v) != "9007199254740993" {
		t.Errorf("a = %s", v)
	}
	u.Delete("b<")
	u.Delete("missing")
	if u.String() != `{"a":9007199254740993}` {
		t.Errorf("after Delete: %s", u)
	}
	u.Delete("a")
	if u != (v1.UnknownMembers{}) {
		t.Errorf("deleting every member leaves %s, not the zero value", u)
	}

	// A struct literal needs no Unknown; one with members writes them
	// after the declared properties.
	o := v1.Order{ID: "o", Status: v1.OrderStatusPaid}
	if err := o.Unknown.Set("note", json.RawMessage(`"hi"`)); err != nil {
		t.Fatal(err)
	}
	if out, err := json.Marshal(o); err != nil || string(out) != `{"id":"o","status":"paid","note":"hi"}` {
		t.Errorf("%s %v", out, err)
	}
	// Reading replaces the members; a key read twice keeps both, and Get
	// says the last, as encoding/json would.
	if err := json.Unmarshal([]byte(`{"id":"p","status":"paid","x":1,"x":2}`), &o); err != nil {
		t.Fatal(err)
	}
	if v, _ := o.Unknown.Get("x"); string(v) != "2" || o.Unknown.Len() != 2 {
		t.Errorf("%s", o.Unknown)
	}
	if _, ok := o.Unknown.Get("note"); ok {
		t.Error("members of the value read before survive")
	}
	// Values compare by their members.
	a, b := v1.Order{ID: "o"}, v1.Order{ID: "o"}
	if err := json.Unmarshal([]byte(`{"id":"o","m":[1]}`), &a); err != nil {
		t.Fatal(err)
	}
	b.Unknown.Set("m", json.RawMessage(`[ 1 ]`))
	if a.ID != b.ID || a.Unknown != b.Unknown {
		t.Errorf("%s != %s", a.Unknown, b.Unknown)
	}
}
