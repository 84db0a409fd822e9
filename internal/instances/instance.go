// Package instances makes pseudo-random valid instances of OpenAPI
// schemas: the fidelity harness round-trips them through generated types,
// and the differential fuzzers start from them.
package instances

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"net/mail"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxDepth bounds how deeply instances nest: recursive schemas stop
// adding optional properties and items there.
const maxDepth = 6

// instances makes pseudo-random JSON values (decoded form: map[string]any,
// []any, string, float64 or int64 as json.Number text, bool, nil) that a
// schema accepts.
type instances struct {
	r *rand.Rand
	// sparse leaves out every optional property: the first instance of a
	// set has none, so that absent values are always tried.
	sparse bool
}

// errCannot says a schema cannot be instantiated this time (a required
// property recursing too deep, a pattern the generator cannot meet...).
var errCannot = fmt.Errorf("cannot instantiate")

func (g *instances) value(s *openapi3.Schema, depth int) (any, error) {
	if s == nil {
		return g.freeForm(depth), nil
	}
	if depth > maxDepth+4 {
		return nil, errCannot
	}
	if s.Const != nil {
		if !exact(s.Const) {
			return nil, errCannot
		}
		return s.Const, nil
	}
	if len(s.Enum) > 0 {
		members := slices.DeleteFunc(slices.Clone(s.Enum), func(v any) bool { return !exact(v) })
		if len(members) == 0 {
			return nil, errCannot
		}
		return members[g.r.IntN(len(members))], nil
	}
	if len(s.AllOf) > 0 {
		return g.allOf(s, depth)
	}
	if alts := append(slices.Clone(s.OneOf), s.AnyOf...); len(alts) > 0 && len(s.Properties) == 0 {
		alt := alts[g.r.IntN(len(alts))]
		v, err := g.value(alt.Value, depth+1)
		if obj, ok := v.(map[string]any); ok && err == nil && s.Discriminator != nil {
			obj[s.Discriminator.PropertyName] = discriminatorValue(s.Discriminator, alt.Ref)
		}
		return v, err
	}
	types := typesOf(s)
	if s.Type != nil && s.Type.Is("null") {
		return nil, nil
	}
	if Nullable(s) && g.r.IntN(5) == 0 {
		return nil, nil
	}
	if len(types) == 0 {
		switch {
		case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil:
			types = []string{"object"}
		case s.Items != nil:
			types = []string{"array"}
		default:
			return g.freeForm(depth), nil
		}
	}
	switch t := types[g.r.IntN(len(types))]; t {
	case "string":
		return g.str(s)
	case "integer":
		return g.integer(s)
	case "number":
		return g.number(s)
	case "boolean":
		return g.r.IntN(2) == 0, nil
	case "array":
		return g.array(s, depth)
	case "object":
		return g.object(s, depth)
	case "null":
		return nil, nil
	}
	return nil, errCannot
}

// exact reports whether a value of an enum or const is surely the one the
// spec writes: kin-openapi reads numbers as float64, so an integer beyond
// 2^53 may have been rounded to a neighbour (9007199254740993 read as
// ...992), which the oracle would then accept while the generated code,
// reading the spec's text, rightly refuses it.
func exact(v any) bool {
	switch v := v.(type) {
	case float64:
		return math.Abs(v) < 1<<53
	case []any:
		return !slices.ContainsFunc(v, func(x any) bool { return !exact(x) })
	case map[string]any:
		for _, x := range v {
			if !exact(x) {
				return false
			}
		}
	}
	return true
}

func typesOf(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	var out []string
	for _, t := range *s.Type {
		if t != "null" {
			out = append(out, t)
		}
	}
	return out
}

// Nullable reports whether a schema allows null (nullable: true, or
// "null" among its types).
func Nullable(s *openapi3.Schema) bool {
	return s.Nullable || s.Type != nil && s.Type.Includes("null")
}

// freeForm is a value of a schema that says nothing: an object of a few
// scalars, or a scalar.
func (g *instances) freeForm(depth int) any {
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("free-%d", g.r.IntN(1000))
	case 1:
		return float64(g.r.IntN(100)) / 4
	case 2:
		// Beyond 2^53, where a float64 loses digits.
		return number(fmt.Sprint(int64(1)<<53 + 1 + g.r.Int64N(1000)))
	}
	obj := map[string]any{}
	for i := range 1 + g.r.IntN(3) {
		obj[fmt.Sprintf("key%d", i)] = fmt.Sprintf("v%d", g.r.IntN(100))
	}
	if depth < maxDepth && g.r.IntN(2) == 0 {
		obj["nested"] = map[string]any{"n": float64(g.r.IntN(10)), "list": []any{true, "x"}}
	}
	return obj
}

func (g *instances) allOf(s *openapi3.Schema, depth int) (any, error) {
	merged := map[string]any{}
	var scalar any
	isObject := false
	// The parts' own keywords beside allOf count as one more part.
	own := *s
	own.AllOf = nil
	parts := append(openapi3.SchemaRefs{}, s.AllOf...)
	if len(own.Properties) > 0 || len(own.OneOf) > 0 || len(own.AnyOf) > 0 || len(own.Required) > 0 {
		parts = append(parts, &openapi3.SchemaRef{Value: &own})
	}
	declared := map[string]*openapi3.Schema{}
	for _, p := range parts {
		if p.Value != nil {
			for name, ps := range p.Value.Properties {
				if ps.Value != nil {
					declared[name] = ps.Value
				}
			}
		}
	}
	declares := slices.ContainsFunc(parts, func(p *openapi3.SchemaRef) bool { return p.Value != nil && len(p.Value.Properties) > 0 })
	for _, p := range parts {
		if declares && p.Value != nil && len(p.Value.Properties) == 0 && len(p.Value.OneOf) == 0 && len(p.Value.AnyOf) == 0 && len(p.Value.AllOf) == 0 && p.Value.AdditionalProperties.Schema == nil {
			// A bare {type: object} beside parts that declare properties:
			// its "any keys" is not an invitation to extra keys either.
			continue
		}
		if empty(p.Value) {
			// A part that only describes ({description: ...}) adds no
			// property: its "anything" is not an invitation to extra keys.
			continue
		}
		v, err := g.value(p.Value, depth+1)
		if err != nil {
			return nil, err
		}
		if m, ok := v.(map[string]any); ok {
			isObject = true
			// In sorted order: the values drawn again come from the one
			// source of randomness, so the order must not be a map's.
			for _, k := range slices.Sorted(maps.Keys(m)) {
				x := m[k]
				if ps := p.Value.Properties[k]; (ps == nil || ps.Value == nil) && declared[k] != nil {
					// This part only requires k; the part that declares
					// it says what it is.
					if dv, err := g.value(declared[k], depth+1); err == nil {
						x = dv
					}
				}
				if _, set := merged[k]; set {
					if ps := p.Value.Properties[k]; ps == nil || ps.Value == nil || empty(ps.Value) {
						// This part says nothing about k: keep the value of
						// the part that does.
						continue
					}
				}
				merged[k] = x
			}
		} else if scalar == nil {
			scalar = v
		}
	}
	if isObject {
		return merged, nil
	}
	return scalar, nil
}

func (g *instances) str(s *openapi3.Schema) (any, error) {
	n := g.r.IntN(1000)
	switch s.Format {
	case "date-time":
		t := time.Date(2000+g.r.IntN(40), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000)*1000000, time.UTC)
		return t.Format(time.RFC3339Nano), nil
	case "date":
		return fmt.Sprintf("%04d-%02d-%02d", 2000+g.r.IntN(40), 1+g.r.IntN(12), 1+g.r.IntN(28)), nil
	case "uuid":
		return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", g.r.Uint32(), g.r.IntN(1<<16), g.r.IntN(1<<12), g.r.IntN(1<<12), g.r.Uint64()&(1<<48-1)), nil
	case "email":
		return fmt.Sprintf("user%d@example.com", n), nil
	case "uri", "url", "uri-reference":
		return fmt.Sprintf("https://example.com/item/%d", n), nil
	case "hostname":
		return fmt.Sprintf("host%d.example.com", n), nil
	case "ipv4":
		return fmt.Sprintf("192.0.2.%d", n%256), nil
	case "ipv6":
		return fmt.Sprintf("2001:db8::%x", n), nil
	case "decimal":
		return fmt.Sprintf("%d.%02d", g.r.IntN(100000), g.r.IntN(100)), nil
	case "byte":
		b := make([]byte, 1+g.r.IntN(12))
		for i := range b {
			b[i] = byte(g.r.IntN(256))
		}
		return base64.StdEncoding.EncodeToString(b), nil
	}
	if s.Pattern != "" {
		return patternString(g.r, s.Pattern, s.MinLength, s.MaxLength)
	}
	lo := int(s.MinLength)
	hi := lo + 12
	if s.MaxLength != nil {
		hi = min(hi, int(*s.MaxLength))
	}
	if hi < lo {
		return nil, errCannot
	}
	length := lo + g.r.IntN(hi-lo+1)
	b := make([]rune, length)
	for i := range b {
		b[i] = rune("abcdefghijklmnopqrstuvwxyz é\"<>&\\"[g.r.IntN(33)])
	}
	return string(b), nil
}

// bounds returns the range an integer or number may take.
func bounds(s *openapi3.Schema, lo, hi float64) (float64, float64) {
	if s.Min != nil {
		lo = *s.Min
		if s.ExclusiveMin.IsTrue() {
			lo = math.Nextafter(lo, math.Inf(1))
		}
	} else if v := s.ExclusiveMin.Value; v != nil {
		lo = math.Nextafter(*v, math.Inf(1))
	}
	if s.Max != nil {
		hi = *s.Max
		if s.ExclusiveMax.IsTrue() {
			hi = math.Nextafter(hi, math.Inf(-1))
		}
	} else if v := s.ExclusiveMax.Value; v != nil {
		hi = math.Nextafter(*v, math.Inf(-1))
	}
	if s.Min == nil && s.ExclusiveMin.Value == nil && s.Max != nil {
		lo = math.Max(hi-1000, -1e6)
	}
	if s.Max == nil && s.ExclusiveMax.Value == nil && s.Min != nil {
		hi = math.Min(lo+1000, 1e15)
	}
	return lo, hi
}

// number values are in json.Number form, so that they are written as
// they are and compared exactly.
type number string

func (g *instances) integer(s *openapi3.Schema) (any, error) {
	if (s.Format == "" || s.Format == "int64") && s.Min == nil && s.Max == nil && s.MultipleOf == nil && g.r.IntN(6) == 0 {
		// Beyond 2^53, where a float64 loses digits.
		return number(fmt.Sprint(int64(1)<<53 + 1 + g.r.Int64N(1000))), nil
	}
	lo, hi := bounds(s, 0, 1000)
	lo, hi = math.Ceil(lo), math.Floor(hi)
	switch s.Format {
	case "int32":
		lo, hi = math.Max(lo, math.MinInt32), math.Min(hi, math.MaxInt32)
	case "uint32", "uint64", "uint", "uint8", "uint16":
		lo = math.Max(lo, 0)
	}
	if hi < lo || hi-lo > 1<<52 {
		hi = lo + 1000
	}
	v := lo + float64(g.r.Int64N(int64(hi-lo)+1))
	if m := s.MultipleOf; m != nil && *m > 0 && *m == math.Trunc(*m) {
		v = math.Ceil(lo / *m) * *m
		if v > hi {
			return nil, errCannot
		}
	}
	return number(fmt.Sprint(int64(v))), nil
}

func (g *instances) number(s *openapi3.Schema) (any, error) {
	lo, hi := bounds(s, -100, 100)
	if hi < lo {
		return nil, errCannot
	}
	// Quarters are exact in binary, in float32 and in decimal.
	steps := int64(math.Min((hi-lo)*4, 1<<40))
	v := math.Ceil(lo*4)/4 + float64(g.r.Int64N(steps+1))/4
	if v > hi {
		v = lo
	}
	if m := s.MultipleOf; m != nil && *m > 0 {
		v = math.Ceil(lo / *m) * *m
	}
	return number(fmt.Sprint(v)), nil
}

func (g *instances) array(s *openapi3.Schema, depth int) (any, error) {
	lo := int(s.MinItems)
	hi := lo + 3
	if depth >= maxDepth {
		hi = lo
	}
	if s.MaxItems != nil {
		hi = min(hi, int(*s.MaxItems))
	}
	if hi < lo {
		return nil, errCannot
	}
	n := lo + g.r.IntN(hi-lo+1)
	out := make([]any, 0, n)
	var items *openapi3.Schema
	if s.Items != nil {
		items = s.Items.Value
	}
	for tries := 0; len(out) < n && tries < 4*n+4; tries++ {
		v, err := g.value(items, depth+1)
		if err != nil {
			return nil, err
		}
		if s.UniqueItems && slices.ContainsFunc(out, func(o any) bool { return fmt.Sprint(o) == fmt.Sprint(v) }) {
			continue
		}
		out = append(out, v)
	}
	if len(out) < lo {
		return nil, errCannot
	}
	return out, nil
}

func (g *instances) object(s *openapi3.Schema, depth int) (any, error) {
	obj := map[string]any{}
	required := map[string]bool{}
	for _, name := range s.Required {
		required[name] = true
	}
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := s.Properties[name].Value
		if p != nil && p.ReadOnly && p.WriteOnly {
			continue
		}
		if !required[name] && (g.sparse || depth >= maxDepth || g.r.IntN(3) == 0) {
			continue
		}
		v, err := g.value(p, depth+1)
		if err != nil {
			if required[name] {
				return nil, err
			}
			continue
		}
		obj[name] = v
	}
	for _, name := range slices.Sorted(maps.Keys(required)) { // sorted, as above
		if _, ok := obj[name]; !ok {
			if _, declared := s.Properties[name]; !declared {
				obj[name] = g.freeForm(depth + 1)
			}
		}
	}
	extra := 0
	switch ap := s.AdditionalProperties; {
	case ap.Schema != nil && ap.Schema.Value != nil:
		extra = 1 + g.r.IntN(2)
		if len(s.Properties) == 0 {
			extra = g.r.IntN(4)
		}
		for i := range extra {
			v, err := g.value(ap.Schema.Value, depth+1)
			if err != nil {
				break
			}
			obj[fmt.Sprintf("extra_%d", i)] = v
		}
	case len(s.Properties) == 0 && len(s.Required) == 0 && (ap.Has == nil || *ap.Has):
		// An object that names nothing: any keys.
		for i := range 1 + g.r.IntN(3) {
			obj[fmt.Sprintf("extra_%d", i)] = g.freeForm(depth + 1)
		}
	case ap.Schema == nil && (ap.Has == nil || *ap.Has) && len(s.PatternProperties) == 0 && !g.sparse && g.r.IntN(2) == 0:
		// Properties the schema does not declare, as a newer version of
		// the API sends them: the generated type must keep them.
		for i := range 1 + g.r.IntN(2) {
			name := fmt.Sprintf("undeclared_%d", i)
			if _, declared := s.Properties[name]; !declared {
				obj[name] = g.freeForm(depth + 1)
			}
		}
	}
	for _, name := range names {
		if len(obj) >= int(s.MinProps) {
			break
		}
		if _, set := obj[name]; !set {
			if v, err := g.value(s.Properties[name].Value, depth+1); err == nil {
				obj[name] = v
			}
		}
	}
	for i := 0; len(obj) < int(s.MinProps) && len(s.Properties) == 0; i++ {
		obj[fmt.Sprintf("more_%d", i)] = fmt.Sprint(i)
	}
	return obj, nil
}

// empty reports whether a schema constrains nothing about a value.
func empty(s *openapi3.Schema) bool {
	return s == nil || s.Type == nil && len(s.Properties) == 0 && s.Items == nil && len(s.AllOf) == 0 &&
		len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.Enum) == 0 && s.Const == nil &&
		s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil && len(s.Required) == 0
}

// discriminatorValue is the value of the discriminator property that
// names the alternative ref: a mapping's key, or the schema's name.
func discriminatorValue(d *openapi3.Discriminator, ref string) string {
	keys := make([]string, 0, len(d.Mapping))
	for k := range d.Mapping {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if m := d.Mapping[k]; m.Ref == ref {
			return k
		}
	}
	return ref[strings.LastIndex(ref, "/")+1:]
}

// The formats the oracle asserts besides kin-openapi's own (date,
// date-time): those a generated server checks (uuid, email, uri, ipv4,
// ipv6), so that a valid instance is one a server must accept and an
// invalid one is not counted, and byte as RFC 4648
// base64 (kin-openapi's pattern lets unpadded text through, which no
// []byte holds). JSON Schema leaves format assertion to the
// implementation.
func init() {
	openapi3.DefineStringFormatValidator("byte", openapi3.NewCallbackValidator(func(s string) error {
		_, err := base64.StdEncoding.DecodeString(s)
		return err
	}))
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562))
	openapi3.DefineStringFormatValidator("email", openapi3.NewCallbackValidator(func(s string) error {
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			return fmt.Errorf("not an email address")
		}
		return nil
	}))
	openapi3.DefineStringFormatValidator("ipv4", openapi3.NewCallbackValidator(func(s string) error {
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return fmt.Errorf("not an IPv4 address")
		}
		return nil
	}))
	openapi3.DefineStringFormatValidator("ipv6", openapi3.NewCallbackValidator(func(s string) error {
		if a, err := netip.ParseAddr(s); err != nil || !a.Is6() || a.Zone() != "" {
			return fmt.Errorf("not an IPv6 address")
		}
		return nil
	}))
	openapi3.DefineStringFormatValidator("uri", openapi3.NewCallbackValidator(func(s string) error {
		if u, err := url.Parse(s); err != nil || u.Scheme == "" {
			return fmt.Errorf("not a URI")
		}
		return nil
	}))
}

// Valid checks a JSON document against a schema: the oracle every
// instance must pass. Formats are asserted (see init). Documents of OpenAPI 3.1 (jsonSchema2020) are
// checked as JSON Schema 2020-12 says, which kin-openapi does with a
// complete validator (santhosh-tekuri/jsonschema) where the schema uses a
// keyword its own validator ignores (const, prefixItems, if/then/else,
// patternProperties, unevaluated*, dependent*...).
func Valid(s *openapi3.Schema, data []byte, jsonSchema2020 bool) error {
	var plain any
	if err := json.Unmarshal(data, &plain); err != nil {
		return err
	}
	opts := []openapi3.SchemaValidationOption{openapi3.DisableReadOnlyValidation(), openapi3.DisableWriteOnlyValidation(), openapi3.EnableFormatValidation()}
	if jsonSchema2020 {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	return s.VisitJSON(plain, opts...)
}

// Of makes n distinct valid instances of a schema of a document of
// OpenAPI 3.1 (jsonSchema2020) or 3.0 (see Valid).
func Of(r *rand.Rand, s *openapi3.Schema, n int, jsonSchema2020 bool) ([]json.RawMessage, string) {
	g := &instances{r: r}
	seen := map[string]bool{}
	var out []json.RawMessage
	why := ""
	for try := 0; len(out) < n && try < 8*n; try++ {
		g.sparse = try == 0
		v, err := g.value(s, 0)
		if err != nil {
			why = err.Error()
			continue
		}
		data, err := json.Marshal(v)
		if err != nil {
			why = err.Error()
			continue
		}
		if err := Valid(s, data, jsonSchema2020); err != nil {
			why = "not valid: " + strings.SplitN(err.Error(), "\n", 2)[0]
			continue
		}
		if !seen[string(data)] {
			seen[string(data)] = true
			out = append(out, data)
		}
	}
	if len(out) == 0 {
		return nil, why
	}
	return out, ""
}

// MarshalJSON writes a number as generated.
func (n number) MarshalJSON() ([]byte, error) { return []byte(n), nil }
