package models_test

import (
	"encoding/json"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/models"
)

// FuzzDecode feeds arbitrary JSON to the generated decoders (unions,
// extra properties, odd names, Nullable, recursion): they must not panic,
// and what they accept must encode and decode again to the same JSON.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"kind":"cat","meows":true}`, `{"kind":"dog","barks":false}`, `{"radius":1}`, `7`, `"x"`,
		`{"name":"n","a":1}`, `{"":true,"-":"d","comma,name":3,"with space":"s"}`,
		`{"name":"a","nickname":null,"middle":null}`, `{"value":1,"next":{"value":2,"next":null}}`,
		`{"name":"t","children":[{"name":"c"}]}`, `{"id":"1","x-a":"b"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[models.Pet](t, data)
		roundTrip[models.Shape](t, data)
		roundTrip[models.Scalar](t, data)
		roundTrip[models.Labels](t, data)
		roundTrip[models.Patterned](t, data)
		roundTrip[models.Odd](t, data)
		roundTrip[models.Person](t, data)
		roundTrip[models.Node](t, data)
		roundTrip[models.Tree](t, data)
	})
}

func roundTrip[T any](t *testing.T, data []byte) {
	var v T
	if json.Unmarshal(data, &v) != nil {
		return
	}
	first, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T decoded %q but does not encode: %v", v, data, err)
	}
	var again T
	if err := json.Unmarshal(first, &again); err != nil {
		t.Fatalf("%T: own encoding %s does not decode: %v", v, first, err)
	}
	second, err := json.Marshal(again)
	if err != nil || string(first) != string(second) {
		t.Fatalf("%T: %s then %s", v, first, second)
	}
}
