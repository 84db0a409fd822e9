package compat

import (
	"fmt"
	"strconv"

	"github.com/oasgen/oasgen/generator/ir"
)

// narrowing says, in words, each way rule now refuses a value old
// accepted: a bound tightened or added, a pattern or format added or
// changed, items required unique, other properties no longer allowed,
// null no longer allowed. Alternatives and references compare where their
// types do; what is only loosened says nothing.
func narrowing(old, now *ir.Rule) []string {
	if old == nil || now == nil || old.Ref != "" || now.Ref != "" {
		return nil
	}
	var out []string
	lower := func(name string, was, is *uint64) { // a minimum
		if is != nil && (was == nil || *is > *was) {
			out = append(out, fmt.Sprintf("%s is now %d%s", name, *is, wasCount(was)))
		}
	}
	upper := func(name string, was, is *uint64) { // a maximum
		if is != nil && (was == nil || *is < *was) {
			out = append(out, fmt.Sprintf("%s is now %d%s", name, *is, wasCount(was)))
		}
	}
	lower("minLength", old.MinLength, now.MinLength)
	upper("maxLength", old.MaxLength, now.MaxLength)
	lower("minItems", old.MinItems, now.MinItems)
	upper("maxItems", old.MaxItems, now.MaxItems)
	lower("minProperties", old.MinProps, now.MinProps)
	upper("maxProperties", old.MaxProps, now.MaxProps)
	if now.Min != nil && (old.Min == nil || *now.Min > *old.Min || *now.Min == *old.Min && now.ExclusiveMin && !old.ExclusiveMin) {
		out = append(out, "minimum is now "+bound(now.Min, now.ExclusiveMin)+wasBound(old.Min, old.ExclusiveMin))
	}
	if now.Max != nil && (old.Max == nil || *now.Max < *old.Max || *now.Max == *old.Max && now.ExclusiveMax && !old.ExclusiveMax) {
		out = append(out, "maximum is now "+bound(now.Max, now.ExclusiveMax)+wasBound(old.Max, old.ExclusiveMax))
	}
	if now.MultipleOf != nil && (old.MultipleOf == nil || *now.MultipleOf != *old.MultipleOf) {
		out = append(out, "multipleOf is now "+bound(now.MultipleOf, false)+wasBound(old.MultipleOf, false))
	}
	if now.Pattern != "" && now.Pattern != old.Pattern {
		out = append(out, fmt.Sprintf("pattern is now %q%s", now.Pattern, wasText(old.Pattern)))
	}
	if now.Format != "" && now.Format != old.Format {
		out = append(out, fmt.Sprintf("format is now %s%s", now.Format, wasText(old.Format)))
	}
	if now.UniqueItems && !old.UniqueItems {
		out = append(out, "items must now be unique")
	}
	if now.NoAdditional && !old.NoAdditional {
		out = append(out, "other properties are no longer allowed")
	}
	if old.Nullable && !now.Nullable {
		out = append(out, "null is no longer allowed")
	}
	return out
}

func wasCount(was *uint64) string {
	if was == nil {
		return ", was none"
	}
	return ", was " + strconv.FormatUint(*was, 10)
}

func bound(v *float64, exclusive bool) string {
	s := strconv.FormatFloat(*v, 'g', -1, 64)
	if exclusive {
		s += " (exclusive)"
	}
	return s
}

func wasBound(v *float64, exclusive bool) string {
	if v == nil {
		return ", was none"
	}
	return ", was " + bound(v, exclusive)
}

func wasText(s string) string {
	if s == "" {
		return ", was none"
	}
	return fmt.Sprintf(", was %q", s)
}

// constraints reports, for a type a request carries, the constraints of
// the type itself and of its properties, items and map values that now
// refuse what deployed clients may send.
func (d *differ) constraints(o, n *ir.Type) {
	if !d.inRequests[n.Name] && !d.inRequests[o.Name] || o.Rule == nil || n.Rule == nil {
		return
	}
	d.ruleNarrowing("type "+n.Name, n.Pointer, o.Rule, n.Rule)
	if n.Kind != ir.Struct {
		return
	}
	olds := map[string]*ir.Rule{}
	for _, p := range o.Rule.Props {
		olds[p.Name] = p.Rule
	}
	for _, f := range n.Fields {
		for _, p := range n.Rule.Props {
			if p.Name == f.JSONName && olds[p.Name] != nil {
				d.ruleNarrowing(n.Name+"."+f.Name, pointerTo(n.Pointer, "properties", p.Name), olds[p.Name], p.Rule)
			}
		}
	}
}

// ruleNarrowing adds a breaking change for each narrowing of a rule, its
// items and its map values.
func (d *differ) ruleNarrowing(ident, ptr string, old, now *ir.Rule) {
	for where := ""; old != nil && now != nil; {
		for _, why := range narrowing(old, now) {
			d.add(true, ident, ptr, "%s%s: deployed clients may send what the server now refuses", where, why)
		}
		switch {
		case old.Items != nil && now.Items != nil:
			old, now, where = old.Items, now.Items, where+"items: "
		case old.Additional != nil && now.Additional != nil:
			old, now, where = old.Additional, now.Additional, where+"values: "
		default:
			return
		}
	}
}
