package models_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/models"
)

func decode[T any](t *testing.T, data string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDiscriminator(t *testing.T) {
	for data, cat := range map[string]bool{
		`{"kind":"cat","meows":true}`:    true,
		`{"kind":"kitten","meows":true}`: true, // two values map to Cat
		`{"kind":"dog","barks":true}`:    false,
		// The discriminator wins over the shape.
		`{"kind":"dog","meows":true,"barks":false}`: false,
	} {
		p := decode[models.Pet](t, data)
		if (p.Cat != nil) != cat || (p.Dog != nil) == cat {
			t.Errorf("%s decoded as %+v", data, p)
		}
	}
	// A value the mapping does not know is a newer API's alternative,
	// even with a cat's shape: kept as it is, and written back.
	tabby := `{"kind":"tabby","meows":true}`
	if p := decode[models.Pet](t, tabby); p.Cat != nil || p.Dog != nil || p.Unknown == nil || string(*p.Unknown) != tabby || encode(t, p) != tabby {
		t.Errorf("unknown kind with a cat's shape: %+v", p)
	}
	// Without mapping, the schema names are the values.
	if a := decode[models.Animal](t, `{"kind":"Dog","barks":true}`); a.Dog == nil {
		t.Errorf("Animal: %+v", a)
	}
	var p models.Pet
	if err := json.Unmarshal([]byte(`{"kind":"cat","meows":"loud"}`), &p); err == nil {
		t.Error("a cat with a string for meows decoded")
	}
	if got := encode(t, models.Pet{Dog: &models.Dog{Kind: "dog", Barks: true}}); got != `{"barks":true,"kind":"dog"}` {
		t.Errorf("encode: %s", got)
	}
}

func TestInferredAndPrimitiveUnions(t *testing.T) {
	if s := decode[models.Shape](t, `{"side":2}`); s.ShapeSquare == nil || s.ShapeCircle != nil {
		t.Errorf("square: %+v", s)
	}
	if s := decode[models.Shape](t, `{"radius":1}`); s.ShapeCircle == nil {
		t.Errorf("circle: %+v", s)
	}
	// A shape matching no alternative is a newer API's: kept, compact.
	if s := decode[models.Shape](t, `{ "width": 1 }`); s.ShapeSquare != nil || s.ShapeCircle != nil || s.Unknown == nil || encode(t, s) != `{"width":1}` {
		t.Errorf("a shape matching no alternative: %+v", s)
	}
	for data, want := range map[string]string{`7`: "int", `"x"`: "string", `true`: "bool"} {
		v := decode[models.Scalar](t, data)
		got := map[bool]string{v.Int64 != nil: "int", v.String != nil: "string", v.Bool != nil: "bool"}[true]
		if got != want || encode(t, v) != data {
			t.Errorf("%s: %+v", data, v)
		}
	}
}

func TestAdditionalProperties(t *testing.T) {
	l := decode[models.Labels](t, `{"name":"n","a":1,"b":2}`)
	if l.Name != "n" || !reflect.DeepEqual(l.AdditionalProperties, map[string]int64{"a": 1, "b": 2}) {
		t.Errorf("decoded %+v", l)
	}
	if got := encode(t, l); got != `{"a":1,"b":2,"name":"n"}` {
		t.Errorf("encoded %s", got)
	}
	var bad models.Labels
	if err := json.Unmarshal([]byte(`{"name":"n","a":"one"}`), &bad); err == nil {
		t.Error("a string extra property decoded into an integer map")
	}
	p := decode[models.Patterned](t, `{"id":"1","x-trace":"t"}`)
	if *p.ID != "1" || p.AdditionalProperties["x-trace"] != "t" {
		t.Errorf("patterned %+v", p)
	}
}

func TestNamesNoTagHolds(t *testing.T) {
	data := `{"":true,"-":"dash","comma,name":3,"plain":"p","with space":"s"}`
	o := decode[models.Odd](t, data)
	if !*o.Empty || *o.Empty2 != "dash" || *o.CommaName != 3 || *o.Plain != "p" || *o.WithSpace != "s" {
		t.Errorf("decoded %+v", o)
	}
	if got := encode(t, o); got != data {
		t.Errorf("encoded %s, want %s", got, data)
	}
	if got := encode(t, models.Odd{}); got != `{}` {
		t.Errorf("empty encoded %s", got)
	}
}

func TestNullableDistinctFromOptional(t *testing.T) {
	p := decode[models.Person](t, `{"name":"a","nickname":null}`)
	if p.Nickname != nil || !p.Middle.IsZero() || p.Age != nil {
		t.Errorf("absent and null: %+v", p)
	}
	p = decode[models.Person](t, `{"name":"a","nickname":"b","middle":null,"age":3}`)
	if *p.Nickname != "b" || !p.Middle.IsNull() {
		t.Errorf("null middle: %+v", p)
	}
	p = decode[models.Person](t, `{"name":"a","nickname":"b","middle":"m"}`)
	if m, ok := p.Middle.Get(); !ok || m != "m" {
		t.Errorf("middle: %+v", p.Middle)
	}
	for v, want := range map[*models.Person]string{
		{Name: "a"}: `{"name":"a","nickname":null}`,
		{Name: "a", Middle: models.NullOf[string]()}: `{"middle":null,"name":"a","nickname":null}`,
		{Name: "a", Middle: models.NullableOf("m")}:  `{"middle":"m","name":"a","nickname":null}`,
	} {
		if got := encode(t, v); got != want {
			t.Errorf("encoded %s, want %s", got, want)
		}
	}
}

func TestRecursionAndComposition(t *testing.T) {
	n := decode[models.Node](t, `{"value":1,"next":{"value":2,"next":null}}`)
	if n.Next == nil || n.Next.Value != 2 || n.Next.Next != nil {
		t.Errorf("node %+v", n)
	}
	l := decode[models.Left](t, `{"right":{"left":{"right":{}}}}`)
	if l.Right.Left == nil {
		t.Errorf("left %+v", l)
	}
	tr := decode[models.Tree](t, `{"name":"root","created":"2026-01-02T03:04:05Z","children":[{"name":"leaf"}]}`)
	if tr.Name != "root" || tr.Created == nil || len(tr.Children) != 1 || tr.Children[0].Name != "leaf" {
		t.Errorf("tree %+v", tr)
	}
	if !models.VersionV1.Valid() || models.Version("v2").Valid() {
		t.Error("const Version")
	}
	if models.OpLtEq != "<=" || models.OpEmpty != "" || !models.OpPlus2.Valid() {
		t.Error("enum names")
	}
	if w := decode[models.PetAdoptedWebhookBody](t, `{"petId":"p1"}`); w.PetID != "p1" {
		t.Errorf("webhook body %+v", w)
	}
}
