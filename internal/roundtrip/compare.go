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

	"github.com/oasgen/oasgen/internal/instances"
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
// came back the same; s is the instance's schema, of a document of
// OpenAPI 3.1 (jsonSchema2020) or 3.0.
func LossOf(o *Outcome, s *openapi3.Schema, jsonSchema2020 bool) *Loss {
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
	c := &comparison{jsonSchema2020: jsonSchema2020}
	c.differences(va, vb, []*openapi3.Schema{s}, "$", &found)
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
func (c *comparison) differences(a, b any, ss []*openapi3.Schema, path string, out *[]Loss) {
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
			sub, declared := c.property(ss, a, k)
			w, ok := bm[k]
			switch {
			case ok:
				c.differences(a[k], w, sub, path+"."+k, out)
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
		items := c.itemSchemas(ss, a)
		for i := range a {
			if i < len(bs) {
				c.differences(a[i], bs[i], items, fmt.Sprintf("%s[%d]", path, i), out)
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

// comparison is the state of one comparison: how to tell which
// alternatives of a union a value is.
type comparison struct {
	jsonSchema2020 bool
}

// applied lists ss and every schema they apply to the value v (allOf
// parts; the oneOf and anyOf alternatives v is valid against), at any
// depth, each once: a property one of them declares is declared for v.
func (c *comparison) applied(ss []*openapi3.Schema, v any) []*openapi3.Schema {
	var out []*openapi3.Schema
	seen := map[*openapi3.Schema]bool{}
	var data []byte // v as JSON, made when an alternative is to be checked
	var add func(s *openapi3.Schema)
	add = func(s *openapi3.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
		for _, p := range s.AllOf {
			if p != nil {
				add(p.Value)
			}
		}
		for _, p := range append(slices.Clone(s.OneOf), s.AnyOf...) {
			if p == nil || p.Value == nil {
				continue
			}
			if data == nil {
				data, _ = json.Marshal(v)
			}
			if instances.Valid(p.Value, data, c.jsonSchema2020) == nil {
				add(p.Value)
			}
		}
	}
	for _, s := range ss {
		add(s)
	}
	return out
}

// property returns the schemas of member k of the object v, and whether
// any schema of the object declares it (a property, a matching pattern
// property, or additionalProperties with a schema, which a map holds).
func (c *comparison) property(ss []*openapi3.Schema, v any, k string) ([]*openapi3.Schema, bool) {
	var subs []*openapi3.Schema
	declared := false
	for _, s := range c.applied(ss, v) {
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

// itemSchemas returns the schemas of the items of the array v.
func (c *comparison) itemSchemas(ss []*openapi3.Schema, v any) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, s := range c.applied(ss, v) {
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
