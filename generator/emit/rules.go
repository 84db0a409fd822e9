package emit

import (
	"math"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// rulesTable emits the validation rules of the named types and of each
// operation's parameters and body, built once on first use.
func (e *emitter) rulesTable(f *jen.File) {
	e.namedRules(f)
	req := jen.Dict{}
	for _, op := range e.api.Operations {
		for _, b := range op.Body.Bodies() {
			if b.Rule != nil && (b.Kind == ir.JSON || b.Kind == ir.Form || b.Kind == ir.Multipart) && (b.Name == "" || ruleKey(op, b) != ruleKey(op, op.Body)) {
				req[jen.Lit(ruleKey(op, b))] = e.checker().ruleLit(b.Rule)
			}
		}
	}
	f.Add(commentLine("requestRules returns the rules of the operations' bodies, for decodeStrict."))
	f.Var().Id("requestRules").Op("=").Add(ruleTable(req, jen.Id("validationRules").Call()))
}

// namedRules emits validationRules: the rules of the named types, and of
// the union variants that have no type of their own (see
// variantRuleKey).
func (e *emitter) namedRules(f *jen.File) {
	c := e.checker()
	named := jen.Dict{}
	for _, t := range e.api.Types {
		if !trivial(t.Rule) {
			named[jen.Lit(t.Name)] = c.ruleLit(t.Rule)
		}
		if t.Kind != ir.Union {
			continue
		}
		for i, v := range t.Variants {
			if key := variantRuleKey(t, i); key != "" && key != v.Rule.Ref {
				named[jen.Lit(key)] = c.ruleLit(v.Rule)
			}
		}
	}
	f.Add(commentLine("validationRules returns the rules of the named types, by name."))
	f.Var().Id("validationRules").Op("=").Add(ruleTable(named, jen.Id("m")))
}

// ruleTable is a table of rules made and linked on first use.
func ruleTable(d jen.Dict, link jen.Code) jen.Code {
	return jen.Qual("sync", "OnceValue").Call(jen.Func().Params().Map(jen.String()).Op("*").Id("rule").Block(
		jen.Id("m").Op(":=").Map(jen.String()).Op("*").Id("rule").Values(d),
		jen.Id("linkRules").Call(link, jen.Id("m")),
		jen.Return(jen.Id("m")),
	))
}

// variantRuleKey is the key of the rule of a union's i-th variant in
// validationRules: its type's name, or "Union/i" for a variant without a
// named rule; "" when the rule checks nothing.
func variantRuleKey(t *ir.Type, i int) string {
	r := t.Variants[i].Rule
	switch {
	case r == nil || trivial(r):
		return ""
	case r.Ref != "":
		return r.Ref
	}
	return t.Name + "/" + strconv.Itoa(i)
}

// NeedsRules reports whether the types need the validation rules without
// a server: a union's variants are told apart by them.
func NeedsRules(api *ir.API) bool {
	for _, t := range api.Types {
		if t.Kind == ir.Union {
			return true
		}
	}
	return false
}

// trivial reports whether a rule checks nothing.
func trivial(r *ir.Rule) bool {
	return r == nil || (r.Ref == "" && len(r.Types) == 0 && len(r.Required) == 0 && len(r.Props) == 0 &&
		r.Additional == nil && !r.NoAdditional && r.MinProps == nil && r.MaxProps == nil && r.Items == nil &&
		r.MinItems == nil && r.MaxItems == nil && !r.UniqueItems && len(r.Enum) == 0 && r.Min == nil &&
		r.Max == nil && r.MultipleOf == nil && r.MinLength == nil && r.MaxLength == nil && r.Pattern == "" &&
		r.Format == "" && len(r.AnyOf) == 0 && !r.Never && len(r.EnumJSON) == 0)
}

// ruleLit is a *rule literal for r.
func (c *checker) ruleLit(r *ir.Rule) jen.Code {
	if r == nil {
		return jen.Nil()
	}
	d := jen.Dict{}
	set := func(name string, v jen.Code) { d[jen.Id(name)] = v }
	if r.Ref != "" {
		set("ref", jen.Lit(r.Ref))
	}
	if r.Never {
		set("never", jen.True())
	}
	if len(r.Types) > 0 {
		set("types", stringList(r.Types))
	}
	if r.Nullable {
		set("nullable", jen.True())
	}
	if len(r.Required) > 0 {
		set("required", stringList(r.Required))
	}
	if len(r.Props) > 0 {
		props := jen.Dict{}
		for _, p := range r.Props {
			props[jen.Lit(p.Name)] = c.ruleLit(p.Rule)
		}
		set("props", jen.Map(jen.String()).Op("*").Id("rule").Values(props))
	}
	if r.Additional != nil && !trivial(r.Additional) {
		set("additional", c.ruleLit(r.Additional))
	}
	if r.NoAdditional {
		set("noAdditional", jen.True())
	}
	intBound(set, "minProps", r.MinProps, false)
	intBound(set, "maxProps", r.MaxProps, true)
	if r.Items != nil && !trivial(r.Items) {
		set("items", c.ruleLit(r.Items))
	}
	intBound(set, "minItems", r.MinItems, false)
	intBound(set, "maxItems", r.MaxItems, true)
	if r.UniqueItems {
		set("uniqueItems", jen.True())
	}
	if len(r.Enum) > 0 {
		vals := make([]jen.Code, len(r.Enum))
		for i, v := range r.Enum {
			vals[i] = jen.Lit(v)
		}
		set("enum", jen.Index().Any().Values(vals...))
	}
	if len(r.EnumJSON) > 0 {
		set("enumJSON", stringList(r.EnumJSON))
	}
	if r.Min != nil {
		set("min", jen.Id("float").Call(jen.Lit(*r.Min)))
	}
	if r.Max != nil {
		set("max", jen.Id("float").Call(jen.Lit(*r.Max)))
	}
	if r.ExclusiveMin {
		set("exclMin", jen.True())
	}
	if r.ExclusiveMax {
		set("exclMax", jen.True())
	}
	if r.MultipleOf != nil {
		set("multipleOf", jen.Lit(*r.MultipleOf))
	}
	intBound(set, "minLength", r.MinLength, false)
	intBound(set, "maxLength", r.MaxLength, true)
	if r.Pattern != "" {
		set("pattern", jen.Id(c.pattern(r.Pattern)))
	}
	if r.Format != "" {
		set("format", jen.Lit(r.Format))
	}
	if len(r.AnyOf) > 0 {
		alts := make([]jen.Code, len(r.AnyOf))
		for i, a := range r.AnyOf {
			alts[i] = c.ruleLit(a)
		}
		set("anyOf", jen.Index().Op("*").Id("rule").Values(alts...))
		if r.Exclusive {
			set("oneOf", jen.True())
		}
	}
	return jen.Op("&").Id("rule").Values(d)
}

func stringList(vals []string) jen.Code {
	items := make([]jen.Code, len(vals))
	for i, v := range vals {
		items[i] = jen.Lit(v)
	}
	return jen.Index().String().Values(items...)
}

// intBound sets an int bound; pointer bounds (maxima) are *int.
func intBound(set func(string, jen.Code), name string, v *uint64, pointer bool) {
	if v == nil {
		return
	}
	n := int(min(*v, math.MaxInt32))
	if pointer {
		set(name, jen.Id("integer").Call(jen.Lit(n)))
		return
	}
	set(name, jen.Lit(n))
}
