// Package roundtrip round-trips instances of an API description's schemas
// through a generated package: it lists the schemas with a Go type,
// writes a test into the package that decodes each instance into its type
// and encodes it again, reads back what came out, and says how each
// outcome fell short: make fidelity runs it over the corpora, and
// FuzzSpecShape over generated specs.
package roundtrip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// Outcome is what one instance became: the encoding of the decoded
// value, or the error of decoding.
type Outcome struct {
	In, Out json.RawMessage
	Err     string
}

// The classes of loss, most severe first.
const (
	Refused   = "refused"   // a valid instance does not decode
	Ambiguous = "ambiguous" // refused as fitting several alternatives
	Dropped   = "dropped"   // a declared property or an item is lost
	Changed   = "changed"   // a value is altered (a number, a null, a key added)
	Unknown   = "unknown"   // only properties the schema does not declare are lost
)

// Classes are the classes of loss, most severe first.
var Classes = []string{Refused, Ambiguous, Dropped, Changed, Unknown}

// Loss is what went wrong with one instance: its class, and where.
type Loss struct {
	Class string
	What  string
}

// LossOf says how an outcome fell short of its instance, or nil when it
// came back the same; s is the instance's schema.
func LossOf(o *Outcome, s *openapi3.Schema) *Loss {
	if o.Err != "" {
		if strings.Contains(o.Err, "fits several alternatives") {
			return &Loss{Ambiguous, "error: " + o.Err}
		}
		return &Loss{Refused, "error: " + o.Err}
	}
	va, errA := decode(o.In)
	vb, errB := decode(o.Out)
	if errA != nil || errB != nil {
		return &Loss{Refused, "not JSON"}
	}
	var found []Loss
	differences(va, vb, []*openapi3.Schema{s}, "$", &found)
	if len(found) == 0 {
		return nil
	}
	slices.SortStableFunc(found, func(a, b Loss) int { return Severity(a.Class) - Severity(b.Class) })
	return &found[0]
}

// Severity orders the classes: 0 for the most severe.
func Severity(class string) int { return slices.Index(Classes, class) }

// SameJSON reports whether two JSON documents hold the same value: the
// same keys (order aside), nulls kept, numbers equal as numbers (3.2e9
// is 3200000000), date-times equal as instants.
func SameJSON(a, b []byte) bool {
	va, errA := decode(a)
	vb, errB := decode(b)
	return errA == nil && errB == nil && same(va, vb)
}

func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func same(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			w, ok := bm[k]
			if !ok || !same(v, w) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !same(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		x, okA := new(big.Rat).SetString(a.String())
		y, okB := new(big.Rat).SetString(bn.String())
		return okA && okB && x.Cmp(y) == 0
	case string:
		bs, ok := b.(string)
		if !ok {
			return false
		}
		if a == bs {
			return true
		}
		ta, errA := time.Parse(time.RFC3339Nano, a)
		tb, errB := time.Parse(time.RFC3339Nano, bs)
		return errA == nil && errB == nil && ta.Equal(tb)
	}
	return a == b
}

// differences lists where b differs from a, each with its class; ss are
// the schemas a must satisfy there (nil when none is known), which say
// whether a lost property was declared.
func differences(a, b any, ss []*openapi3.Schema, path string, out *[]Loss) {
	if same(a, b) {
		return
	}
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			break
		}
		for _, k := range sortedKeys(a) {
			sub, declared := property(ss, k)
			w, ok := bm[k]
			switch {
			case ok:
				differences(a[k], w, sub, path+"."+k, out)
			case declared:
				*out = append(*out, Loss{Dropped, path + "." + k + " is lost"})
			default:
				*out = append(*out, Loss{Unknown, path + "." + k + " is lost (not declared)"})
			}
		}
		for _, k := range sortedKeys(bm) {
			if _, ok := a[k]; !ok {
				*out = append(*out, Loss{Changed, path + "." + k + " is added"})
			}
		}
		return
	case []any:
		bs, ok := b.([]any)
		if !ok {
			break
		}
		if len(bs) < len(a) {
			*out = append(*out, Loss{Dropped, fmt.Sprintf("%s: %d items became %d", path, len(a), len(bs))})
			return
		}
		items := itemSchemas(ss)
		for i := range a {
			if i < len(bs) {
				differences(a[i], bs[i], items, fmt.Sprintf("%s[%d]", path, i), out)
			}
		}
		if len(bs) > len(a) {
			*out = append(*out, Loss{Changed, fmt.Sprintf("%s: %d items became %d", path, len(a), len(bs))})
		}
		return
	}
	in, _ := json.Marshal(a)
	got, _ := json.Marshal(b)
	*out = append(*out, Loss{Changed, fmt.Sprintf("%s: %s became %s", path, cutText(string(in), 120), cutText(string(got), 120))})
}

// applied lists ss and every schema they apply to the same value (allOf,
// oneOf and anyOf parts, at any depth), each once.
func applied(ss []*openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	seen := map[*openapi3.Schema]bool{}
	var add func(s *openapi3.Schema)
	add = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, p := range list {
				if p != nil {
					add(p.Value)
				}
			}
		}
	}
	for _, s := range ss {
		add(s)
	}
	return out
}

// property returns the schemas of an object's member k, and whether any
// schema of the object declares it (a property, a matching pattern
// property, or additionalProperties with a schema, which a map holds).
func property(ss []*openapi3.Schema, k string) ([]*openapi3.Schema, bool) {
	var subs []*openapi3.Schema
	declared := false
	for _, s := range applied(ss) {
		if p := s.Properties[k]; p != nil {
			declared = true
			subs = append(subs, p.Value)
		}
		for pattern, p := range s.PatternProperties {
			if re, err := regexp.Compile(pattern); err == nil && re.MatchString(k) && p != nil {
				declared = true
				subs = append(subs, p.Value)
			}
		}
		if ap := s.AdditionalProperties.Schema; ap != nil && s.Properties[k] == nil {
			declared = true
			subs = append(subs, ap.Value)
		}
	}
	return subs, declared
}

// itemSchemas returns the schemas of an array's items.
func itemSchemas(ss []*openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, s := range applied(ss) {
		if s.Items != nil {
			out = append(out, s.Items.Value)
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
