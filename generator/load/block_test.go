package load

import (
	"encoding/json"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// blockSeeds are JSON objects with what a rewrite could get wrong: quotes,
// escapes, line breaks YAML folds, strings that read as other types when
// plain, merge keys, numbers, empty and nested containers.
var blockSeeds = []string{
	`{}`,
	`{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}`,
	`{"a":"x\"y\\z","b":"line\nbreak\r\ttab","c":"\u2028\u2029\u0085\u00a0\ufeff\u007f\u0000","d":"😀é"}`,
	`{"<<":{"a":1},"null":"null","true":"true","1":"1","":"","- x":"? y",": z":"#c","k: v":"a: b"}`,
	`{"n":[1,-0,1.5e3,1E-7,12345678901234567890123,0.1],"b":[true,false,null]}`,
	`{"e":{},"f":[],"g":[[],[{}],[[1]]],"h":[{"a":{"b":[{"c":null}]}}]}`,
	`{"dup":1,"dup":2}`,
	` {"lead":"space"} `,
	`{"a":"\ud800"}`,
}

// sameAsFlow checks that YAML reads the rewrite of src as it reads src.
func sameAsFlow(t *testing.T, src string) {
	block := blockYAML([]byte(src))
	if block == nil {
		return
	}
	var flow, blk any
	if err := yaml.Unmarshal([]byte(src), &flow); err != nil {
		return // YAML refuses the JSON: kin-openapi reads it as JSON, as before
	}
	if err := yaml.Unmarshal(block, &blk); err != nil {
		t.Fatalf("%q: the rewrite does not parse: %v\n%s", src, err, block)
	}
	if !reflect.DeepEqual(flow, blk) {
		t.Fatalf("%q: the rewrite reads\n%#v\nwant\n%#v\n%s", src, blk, flow, block)
	}
}

func TestBlockYAML(t *testing.T) {
	for _, src := range blockSeeds {
		if !json.Valid([]byte(src)) {
			t.Fatalf("seed %q is not JSON", src)
		}
		if blockYAML([]byte(src)) == nil {
			t.Errorf("%q: not rewritten", src)
		}
		sameAsFlow(t, src)
	}
	for _, src := range []string{`[]`, `"s"`, `{"a":1} {}`, `{"a":`, `openapi: 3.0.3`, `{"` + string(make([]byte, 1200)) + `":1}`} {
		if b := blockYAML([]byte(src)); b != nil {
			t.Errorf("%q: rewritten as %q, want nil", src, b)
		}
	}
}

// FuzzBlockYAML: whatever JSON object blockYAML rewrites, YAML reads the
// rewrite as it reads the JSON.
func FuzzBlockYAML(f *testing.F) {
	for _, s := range blockSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameAsFlow(t, src)
	})
}
