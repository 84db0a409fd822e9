package emit

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// Rules are emitted as data, not code: each rule is a JSON text (keys as
// ruleText in rules.go names them) in a table of strings the package
// parses on first use. A table of literals compiles into one function as
// large as the API; a table of strings is read-only data.

// ruleEntry is one named rule of a table.
type ruleEntry struct {
	name string
	rule *ir.Rule
}

// ruleTexts is the []string table of entries: each name, then the JSON of
// its rule.
func (c *checker) ruleTexts(entries []ruleEntry) jen.Code {
	slices.SortStableFunc(entries, func(a, b ruleEntry) int {
		switch {
		case a.name < b.name:
			return -1
		case a.name > b.name:
			return 1
		}
		return 0
	})
	items := make([]jen.Code, 0, 2*len(entries))
	for _, en := range entries {
		items = append(items, jen.Line().Lit(en.name), textLit(c.ruleJSON(en.rule)))
	}
	return jen.Index().String().Values(append(items, jen.Line())...)
}

// ruleJSON is the JSON text of r for parseRules.
func (c *checker) ruleJSON(r *ir.Rule) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c.ruleData(r)); err != nil {
		panic(err) // strings, numbers and booleans of the spec always encode
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// textLit is a string literal of a JSON text: raw, for reading, unless it
// holds a backquote (which would end it).
func textLit(s string) jen.Code {
	if strings.ContainsAny(s, "`\r") || !utf8.ValidString(s) {
		return jen.Lit(s)
	}
	// JSON escapes every control character, so the raw literal is s.
	return jen.Op("`" + s + "`")
}

// ruleData is r as JSON values, keyed as ruleText reads them; nil for
// nil.
func (c *checker) ruleData(r *ir.Rule) any {
	if r == nil {
		return nil
	}
	d := map[string]any{}
	if r.Ref != "" {
		d["ref"] = r.Ref
	}
	if r.Never {
		d["never"] = true
	}
	if len(r.Types) > 0 {
		d["t"] = r.Types
	}
	if r.Nullable {
		d["null"] = true
	}
	if len(r.Required) > 0 {
		d["req"] = r.Required
	}
	if len(r.Props) > 0 {
		props := map[string]any{}
		for _, p := range r.Props {
			props[p.Name] = c.ruleData(p.Rule)
		}
		d["p"] = props
	}
	if r.Additional != nil && !trivial(r.Additional) {
		d["add"] = c.ruleData(r.Additional)
	}
	if r.NoAdditional {
		d["noAdd"] = true
	}
	bound(d, "minP", r.MinProps)
	bound(d, "maxP", r.MaxProps)
	if r.Items != nil && !trivial(r.Items) {
		d["i"] = c.ruleData(r.Items)
	}
	bound(d, "minI", r.MinItems)
	bound(d, "maxI", r.MaxItems)
	if r.UniqueItems {
		d["uniq"] = true
	}
	if len(r.Enum) > 0 {
		d["enum"] = r.Enum
	}
	if len(r.EnumJSON) > 0 {
		d["enumJSON"] = r.EnumJSON
	}
	if r.Min != nil {
		d["min"] = *r.Min
	}
	if r.Max != nil {
		d["max"] = *r.Max
	}
	if r.ExclusiveMin {
		d["xMin"] = true
	}
	if r.ExclusiveMax {
		d["xMax"] = true
	}
	if r.MultipleOf != nil {
		d["mult"] = *r.MultipleOf
	}
	bound(d, "minL", r.MinLength)
	bound(d, "maxL", r.MaxLength)
	if r.Pattern != "" {
		c.pattern(r.Pattern)
		d["pat"] = r.Pattern
	}
	if r.Format != "" {
		d["f"] = r.Format
	}
	if len(r.AnyOf) > 0 {
		alts := make([]any, len(r.AnyOf))
		for i, a := range r.AnyOf {
			alts[i] = c.ruleData(a)
		}
		d["any"] = alts
		if r.Exclusive {
			d["one"] = true
		}
	}
	return d
}

// bound sets an int bound, at most MaxInt32.
func bound(d map[string]any, key string, v *uint64) {
	if v != nil {
		d[key] = min(*v, math.MaxInt32)
	}
}

// patternTable is the map from each pattern to its compiled variable
// (see patternVars), which parseRules takes.
func (c *checker) patternTable() jen.Code {
	if len(c.patternOrder) == 0 {
		return jen.Nil()
	}
	return jen.Id("patterns")
}
