package lower

import (
	"slices"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
)

// tighten narrows r, the rule of a schema with allOf parts, by p, the
// rule of one part, for everything but properties (merged from the
// schemas): the value must satisfy both.
func (l *lowerer) tighten(r, p *ir.Rule, ptr string) {
	var disjoint bool
	r.Types, disjoint = intersectTypes(r.Types, p.Types)
	if disjoint {
		l.warn(diag.At(ptr, "the types of the allOf parts have none in common: no value is valid"))
		r.Never = true
	}
	r.Never = r.Never || p.Never
	r.Nullable = r.Nullable && (p.Nullable || len(p.Types) == 0 && len(p.AnyOf) == 0)
	if p.Min != nil && (r.Min == nil || *p.Min > *r.Min || *p.Min == *r.Min && p.ExclusiveMin) {
		r.Min, r.ExclusiveMin = p.Min, p.ExclusiveMin
	}
	if p.Max != nil && (r.Max == nil || *p.Max < *r.Max || *p.Max == *r.Max && p.ExclusiveMax) {
		r.Max, r.ExclusiveMax = p.Max, p.ExclusiveMax
	}
	r.MinLength = larger(r.MinLength, p.MinLength)
	r.MaxLength = smaller(r.MaxLength, p.MaxLength)
	r.MinItems = larger(r.MinItems, p.MinItems)
	r.MaxItems = smaller(r.MaxItems, p.MaxItems)
	r.MinProps = larger(r.MinProps, p.MinProps)
	r.MaxProps = smaller(r.MaxProps, p.MaxProps)
	r.UniqueItems = r.UniqueItems || p.UniqueItems
	switch {
	case len(p.Enum) == 0:
	case len(r.Enum) == 0:
		r.Enum = p.Enum
	default:
		r.Enum = slices.DeleteFunc(slices.Clone(r.Enum), func(v any) bool { return !slices.Contains(p.Enum, v) })
		if len(r.Enum) == 0 {
			l.warn(diag.At(ptr, "the enums of the allOf parts have no value in common: no value is valid"))
			r.Never = true
		}
	}
	if len(r.EnumJSON) == 0 {
		r.EnumJSON = p.EnumJSON
	}
	if r.Format == "" {
		r.Format = p.Format
	}
	if r.MultipleOf == nil {
		r.MultipleOf = p.MultipleOf
	}
	switch {
	case p.Pattern == "" || p.Pattern == r.Pattern:
	case r.Pattern == "":
		r.Pattern = p.Pattern
	case len(r.AnyOf) == 0 && len(p.AnyOf) == 0:
		// Two patterns: a value must match both, which one Go regular
		// expression cannot say; the second is checked as the one
		// alternative a value must meet.
		r.AnyOf = []*ir.Rule{{Pattern: p.Pattern, Types: p.Types, Nullable: p.Nullable}}
	default:
		l.warn(diag.At(ptr, "allOf parts with different patterns beside a oneOf or anyOf: the server checks the first pattern only"))
	}
	if r.Items == nil {
		r.Items = p.Items
	}
	if len(p.AnyOf) > 0 {
		if len(r.AnyOf) == 0 {
			r.AnyOf, r.Exclusive = p.AnyOf, p.Exclusive
		} else {
			// Two unions in one value: one list of alternatives holds
			// only one of them.
			l.warn(diag.At(ptr, "allOf parts that are each a oneOf or anyOf: the server checks the alternatives of the first only"))
		}
	}
}

// intersectTypes is what two lists of JSON types (none meaning any) both
// allow, an integer being a number, and whether they have none in common
// (then the first list stands, for the Go type).
func intersectTypes(a, b []string) ([]string, bool) {
	switch {
	case len(b) == 0:
		return a, false
	case len(a) == 0:
		return b, false
	}
	var out []string
	for _, t := range a {
		switch {
		case slices.Contains(b, t):
			out = append(out, t)
		case t == "integer" && slices.Contains(b, "number"):
			out = append(out, "integer")
		case t == "number" && slices.Contains(b, "integer"):
			out = append(out, "integer")
		}
	}
	if len(out) == 0 {
		return a, true
	}
	return slices.Compact(out), false
}

func larger(a, b *uint64) *uint64 {
	if b != nil && (a == nil || *b > *a) {
		return b
	}
	return a
}

func smaller(a, b *uint64) *uint64 {
	if b != nil && (a == nil || *b < *a) {
		return b
	}
	return a
}
