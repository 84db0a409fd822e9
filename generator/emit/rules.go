package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// rulesTable emits the validation rules of the named types and of each
// operation's parameters and body, built once on first use.
func (e *emitter) rulesTable(f *jen.File) {
	e.namedRules(f)
	var req []ruleEntry
	for _, op := range e.api.Operations {
		for _, b := range op.Body.Bodies() {
			if b.Rule != nil && (b.Kind == ir.JSON || b.Kind == ir.Form || b.Kind == ir.Multipart) && (b.Name == "" || ruleKey(op, b) != ruleKey(op, op.Body)) {
				req = append(req, ruleEntry{ruleKey(op, b), b.Rule})
			}
		}
	}
	e.ruleTable(f, "requestRules", "the rules of the operations' bodies, for decodeStrict", req, jen.Id("validationRules").Call())
}

// namedRules emits validationRules: the rules of the named types, and of
// the union variants that have no type of their own (see
// variantRuleKey).
func (e *emitter) namedRules(f *jen.File) {
	var named []ruleEntry
	for _, t := range e.api.Types {
		if !trivial(t.Rule) {
			named = append(named, ruleEntry{t.Name, t.Rule})
		}
		if t.Kind != ir.Union {
			continue
		}
		for i, v := range t.Variants {
			if key := variantRuleKey(t, i); key != "" && key != v.Rule.Ref {
				named = append(named, ruleEntry{key, v.Rule})
			}
		}
	}
	e.ruleTable(f, "validationRules", "the rules of the named types, by name", named, jen.Id("m"))
}

// ruleTable emits name, a table of rules parsed and linked on first use,
// and the texts it parses.
func (e *emitter) ruleTable(f *jen.File, name, what string, entries []ruleEntry, link jen.Code) {
	c := e.checker()
	texts := name + "Texts"
	f.Add(commentLine(texts + " are the names and JSON texts of " + name + "."))
	f.Var().Id(texts).Op("=").Add(c.ruleTexts(entries))
	f.Add(commentLine(name + " returns " + what + "."))
	f.Var().Id(name).Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Map(jen.String()).Op("*").Add(rt("Rule")).Block(
		jen.Id("m").Op(":=").Add(rt("ParseRules")).Call(jen.Id(texts), c.patternTable()),
		rt("LinkRules").Call(link, jen.Id("m")),
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

func stringList(vals []string) jen.Code {
	items := make([]jen.Code, len(vals))
	for i, v := range vals {
		items[i] = jen.Lit(v)
	}
	return jen.Index().String().Values(items...)
}
