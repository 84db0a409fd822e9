package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// checker returns the emitter's checker, deciding first which named types
// need a validate function: those with a check of their own or a field,
// item or variant whose type needs one (a fixpoint, for recursive types).
func (e *emitter) checker() *checker {
	if e.chk != nil {
		return e.chk
	}
	c := &checker{e: e, needs: map[string]bool{}, used: map[string]bool{}, patterns: map[string]string{}, dry: true}
	for changed := true; changed; {
		changed = false
		for _, t := range e.api.Types {
			if !c.needs[t.Name] && len(c.body(t)) > 0 {
				c.needs[t.Name], changed = true, true
			}
		}
	}
	c.dry = false
	e.chk = c
	return c
}

// body is the checks of a named type's validate function, on v (*T).
func (c *checker) body(t *ir.Type) []jen.Code {
	out := ret(func(err jen.Code) jen.Code { return jen.Return(err) })
	v := jen.Id("v")
	var unknown []jen.Code
	if t.Kind == ir.Union && t.Unknown != "" {
		// A client keeps a value no alternative fits; a server refuses it.
		names := make([]string, len(t.Variants))
		for i, variant := range t.Variants {
			names[i] = variant.Name
		}
		unknown = []jen.Code{jen.If(v.Clone().Dot(t.Unknown).Op("!=").Nil()).Block(
			out.fail("the JSON value fits none of the alternatives (" + strings.Join(names, ", ") + ")"))}
	}
	if t.Rule == nil {
		return unknown
	}
	switch t.Kind {
	case ir.Struct:
		props := map[string]*ir.Rule{}
		for _, p := range t.Rule.Props {
			props[p.Name] = p.Rule
		}
		var code []jen.Code
		for _, f := range t.Fields {
			if pr := props[f.JSONName]; pr != nil {
				code = append(code, c.checks(pr, f.Type, val{x: v.Clone().Dot(f.Name)}, out.at(f.JSONName), 0)...)
			}
		}
		if t.Extra != nil && t.Rule.Additional != nil {
			code = append(code, c.mapValues(t.Rule.Additional, t.Extra, v.Clone().Dot(t.ExtraField), out, 0)...)
		}
		return code
	case ir.Enum:
		values := make([]any, len(t.Values))
		for i, ev := range t.Values {
			values[i] = ev.Value
		}
		return []jen.Code{jen.If(jen.Op("!").Add(v.Clone()).Dot("Valid").Call()).Block(out.fail(enumMessage(values)))}
	case ir.Alias:
		return c.checks(t.Rule, t.Underlying, val{x: jen.Parens(jen.Op("*").Add(v.Clone())), plain: jen.Op("*").Add(v.Clone()), addr: v.Clone(), named: true}, out, 0)
	case ir.Union:
		if len(t.Rule.AnyOf) != len(t.Variants) {
			return unknown
		}
		code := unknown
		for i, variant := range t.Variants {
			code = append(code, c.checks(t.Rule.AnyOf[i], &ir.GoType{Kind: ir.Pointer, Elem: variant.Type}, val{x: v.Clone().Dot(variant.Name)}, out, 0)...)
		}
		return code
	}
	return nil
}

// serverChecks emits the validate functions, the rules of values held as
// any, and the compiled patterns. It runs after every other server
// emitter, which register patterns as they go.
func (e *emitter) serverChecks(f *jen.File) {
	c := e.checker()
	// Only the functions requests reach: those the handlers call, and
	// those they call in turn.
	bodies := map[string][]jen.Code{}
	for changed := true; changed; {
		changed = false
		for _, t := range e.api.Types {
			if c.used[t.Name] && bodies[t.Name] == nil {
				bodies[t.Name], changed = c.body(t), true
			}
		}
	}
	for _, t := range e.api.Types {
		if bodies[t.Name] == nil {
			continue
		}
		f.Add(commentLine(fmt.Sprintf("%s checks a decoded %s against the API description.", validateName(t.Name), t.Name)))
		f.Func().Id(validateName(t.Name)).Params(jen.Id("v").Op("*").Id(t.Name)).Error().Block(append(bodies[t.Name], jen.Return(jen.Nil()))...)
	}
	for _, fb := range c.fallbacks {
		f.Add(commentLine("The rule of a value held as any, for checkAny."))
		f.Add(fb)
	}
	e.patternVars(f)
}

// patternVars emits the compiled patterns the checks and rules so far
// name.
func (e *emitter) patternVars(f *jen.File) {
	c := e.checker()
	if len(c.patternOrder) > 0 {
		defs := make([]jen.Code, len(c.patternOrder))
		for i, p := range c.patternOrder {
			defs[i] = jen.Id(c.patterns[p]).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p))
		}
		f.Add(commentLine("The patterns of the API description, compiled once."))
		f.Var().Defs(defs...)
		table := jen.Dict{}
		for _, p := range c.patternOrder {
			table[jen.Lit(p)] = jen.Id(c.patterns[p])
		}
		f.Add(commentLine("patterns are the compiled patterns by their text, for parseRules."))
		f.Var().Id("patterns").Op("=").Map(jen.String()).Op("*").Qual("regexp", "Regexp").Values(table)
	}
}
