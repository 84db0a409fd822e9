package emit

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// checker emits the typed checks the generated server runs on decoded
// values: ranges, lengths, patterns, formats, enums, item counts and
// uniqueness, written per type against its Go fields, so a valid value is
// checked without allocating. The structure of a JSON body (keys,
// required properties, kinds) is checked while it is read (decodeStrict).
type checker struct {
	e *emitter
	// needs lists the named types whose values have something to check;
	// used those whose validate function is called, and so emitted.
	needs map[string]bool
	used  map[string]bool
	// patterns names the package variable of each pattern, in order of
	// first use; dry stops the fixpoint from registering any.
	patterns     map[string]string
	patternOrder []string
	dry          bool
	// fallbacks are the rules of values held as any, checked by checkAny.
	fallbacks []jen.Code
}

// val is a value being checked.
type val struct {
	x     *jen.Statement // the value, to index or select from
	plain *jen.Statement // the value as an operand, when x needs parentheses
	addr  *jen.Statement // its address; nil for &x
	named bool           // x has a defined type: convert it to string
}

// whole is the value as an operand.
func (v val) whole() *jen.Statement {
	if v.plain != nil {
		return v.plain.Clone()
	}
	return v.x.Clone()
}

func (v val) address() *jen.Statement {
	if v.addr != nil {
		return v.addr.Clone()
	}
	return jen.Op("&").Add(v.x.Clone())
}

// ret turns an error expression into the statements that leave with it.
type ret func(err jen.Code) jen.Code

func (r ret) at(name string) ret {
	return func(err jen.Code) jen.Code { return r(rt("AtField").Call(err, jen.Lit(name))) }
}

func (r ret) atKey(key jen.Code) ret {
	return func(err jen.Code) jen.Code { return r(rt("AtField").Call(err, key)) }
}

func (r ret) atIndex(i jen.Code) ret {
	return func(err jen.Code) jen.Code { return r(rt("AtIndex").Call(err, i)) }
}

// fail is the statement that leaves with a constant message.
func (r ret) fail(msg string) jen.Code {
	return r(rt("Fail").Call(jen.Lit(msg)))
}

func validateName(t string) string { return "validate" + t }

// checks returns the statements that check v, of Go type t, against r.
func (c *checker) checks(r *ir.Rule, t *ir.GoType, v val, out ret, depth int) []jen.Code {
	if r == nil || depth > 24 {
		return nil
	}
	switch t.Kind {
	case ir.Pointer:
		inner := c.checks(r, t.Elem, val{x: jen.Parens(jen.Op("*").Add(v.x.Clone())), plain: jen.Op("*").Add(v.x.Clone()), addr: v.x.Clone(), named: v.named}, out, depth+1)
		if len(inner) == 0 {
			return nil
		}
		return []jen.Code{jen.If(v.x.Clone().Op("!=").Nil()).Block(inner...)}
	case ir.NullableOf:
		x := "n" + strconv.Itoa(depth)
		inner := c.checks(r, t.Elem, val{x: jen.Id(x)}, out, depth+1)
		if len(inner) == 0 {
			return nil
		}
		return []jen.Code{jen.If(jen.List(jen.Id(x), jen.Id("ok")).Op(":=").Add(v.x.Clone()).Dot("Get").Call(), jen.Id("ok")).Block(inner...)}
	}
	if r.Ref != "" {
		if t.Kind == ir.Named && t.Name == r.Ref {
			return c.call(t.Name, v, out)
		}
		if named := c.e.types[r.Ref]; named != nil {
			return c.checks(named.Rule, t, v, out, depth+1)
		}
		return nil
	}
	if len(r.AnyOf) == 1 && len(r.Props) == 0 && len(r.Types) == 0 {
		return c.checks(r.AnyOf[0], t, v, out, depth+1)
	}
	switch t.Kind {
	case ir.Named:
		switch t.Name {
		case ir.NameDecimal, ir.NameDecimalString:
			return c.decimalChecks(r, v, out)
		}
		return c.call(t.Name, v, out)
	case ir.Builtin:
		switch t.Name {
		case "string":
			return c.stringChecks(r, v, out)
		case "bool":
			return c.boolChecks(r, v, out)
		case "any":
			return c.fallback(r, v, out, "CheckAny")
		}
		return c.numberChecks(r, t.Name, v.whole(), out)
	case ir.Qualified:
		if t.Pkg == "encoding/json" && t.Name == "RawMessage" {
			return c.fallback(r, v, out, "CheckRaw")
		}
		return nil
	case ir.Slice:
		if t.Elem.Kind == ir.Builtin && t.Elem.Name == "byte" {
			return nil
		}
		return c.sliceChecks(r, t, v, out, depth)
	case ir.Map:
		return c.mapChecks(r, t, v, out, depth)
	}
	return nil
}

// call calls the validate function of a named type that has one.
func (c *checker) call(name string, v val, out ret) []jen.Code {
	if !c.needs[name] {
		return nil
	}
	if !c.dry {
		c.used[name] = true
	}
	return []jen.Code{jen.If(jen.Err().Op(":=").Id(validateName(name)).Call(v.address()), jen.Err().Op("!=").Nil()).Block(out(jen.Err()))}
}

func (c *checker) stringChecks(r *ir.Rule, v val, out ret) []jen.Code {
	s := v.whole()
	if v.named {
		s = jen.String().Parens(s)
	}
	var code []jen.Code
	small := func(b *uint64) bool { return b == nil || *b <= math.MaxInt32 }
	if (r.MinLength != nil || r.MaxLength != nil) && small(r.MinLength) && small(r.MaxLength) {
		// One call to the static helper, which words the error as below.
		bound := func(b *uint64) jen.Code {
			if b == nil {
				return jen.Lit(-1)
			}
			return intLit(*b)
		}
		code = append(code, jen.If(jen.Err().Op(":=").Add(rt("LengthError")).Call(s.Clone(), bound(r.MinLength), bound(r.MaxLength)), jen.Err().Op("!=").Nil()).Block(out(jen.Err())))
	} else if r.MinLength != nil || r.MaxLength != nil {
		n := rt("RuneCount").Call(s.Clone())
		if r.MinLength != nil && r.MaxLength != nil {
			code = append(code, jen.If(jen.Id("n").Op(":=").Add(n), jen.Id("n").Op("<").Add(intLit(*r.MinLength))).Block(
				out.fail(fmt.Sprintf("must be at least %s long", count(*r.MinLength, "character", "characters"))),
			).Else().If(jen.Id("n").Op(">").Add(intLit(*r.MaxLength))).Block(
				out.fail(fmt.Sprintf("must be at most %s long", count(*r.MaxLength, "character", "characters"))),
			))
		} else if r.MinLength != nil {
			code = append(code, jen.If(n.Op("<").Add(intLit(*r.MinLength))).Block(out.fail(fmt.Sprintf("must be at least %s long", count(*r.MinLength, "character", "characters")))))
		} else {
			code = append(code, jen.If(n.Op(">").Add(intLit(*r.MaxLength))).Block(out.fail(fmt.Sprintf("must be at most %s long", count(*r.MaxLength, "character", "characters")))))
		}
	}
	if r.Pattern != "" {
		code = append(code, jen.If(jen.Op("!").Add(rt("Matches")).Call(jen.Id(c.pattern(r.Pattern)), s.Clone())).Block(out.fail("must match "+r.Pattern)))
	}
	if r.Format != "" {
		code = append(code, jen.If(jen.Op("!").Add(rt("ValidFormat")).Call(jen.Lit(r.Format), s.Clone())).Block(out.fail("must be a valid "+r.Format)))
	}
	var cases []jen.Code
	for _, e := range r.Enum {
		if str, ok := e.(string); ok {
			cases = append(cases, jen.Lit(str))
		}
	}
	if len(cases) > 0 {
		code = append(code, jen.Switch(s.Clone()).Block(jen.Case(cases...), jen.Default().Block(out.fail(enumMessage(r.Enum)))))
	}
	return code
}

func (c *checker) boolChecks(r *ir.Rule, v val, out ret) []jen.Code {
	var cases []jen.Code
	for _, e := range r.Enum {
		if b, ok := e.(bool); ok {
			cases = append(cases, jen.Lit(b))
		}
	}
	if len(cases) == 0 || len(cases) == 2 {
		return nil
	}
	return []jen.Code{jen.If(v.whole().Op("!=").Add(cases[0])).Block(out.fail(enumMessage(r.Enum)))}
}

// numberChecks checks a number of the Go kind goKind.
func (c *checker) numberChecks(r *ir.Rule, goKind string, x *jen.Statement, out ret) []jen.Code {
	var code []jen.Code
	if r.Min != nil {
		op := "<"
		if r.ExclusiveMin {
			op = "<="
		}
		code = append(code, jen.If(compare(goKind, x, op, *r.Min)).Block(out.fail(boundMessage("at least", "more than", *r.Min, r.ExclusiveMin))))
	}
	if r.Max != nil {
		op := ">"
		if r.ExclusiveMax {
			op = ">="
		}
		code = append(code, jen.If(compare(goKind, x, op, *r.Max)).Block(out.fail(boundMessage("at most", "less than", *r.Max, r.ExclusiveMax))))
	}
	if m := r.MultipleOf; m != nil && *m > 0 {
		msg := "must be a multiple of " + strconv.FormatFloat(*m, 'g', -1, 64)
		if lit, ok := intConst(goKind, *m); ok && isIntKind(goKind) {
			code = append(code, jen.If(x.Clone().Op("%").Add(lit).Op("!=").Lit(0)).Block(out.fail(msg)))
		} else {
			code = append(code, jen.If(rt("NotMultiple").Call(jen.Float64().Parens(x.Clone()), floatLit(*m))).Block(out.fail(msg)))
		}
	}
	var cases []jen.Code
	asFloat := false
	var nums []float64
	for _, e := range r.Enum {
		if f, ok := number(e); ok {
			nums = append(nums, f)
			if _, ok := intConst(goKind, f); !ok || !isIntKind(goKind) {
				asFloat = true
			}
		}
	}
	for _, f := range nums {
		if asFloat {
			cases = append(cases, floatLit(f))
		} else {
			lit, _ := intConst(goKind, f)
			cases = append(cases, lit)
		}
	}
	if len(cases) > 0 {
		subject := x.Clone()
		if asFloat {
			subject = jen.Float64().Parens(x.Clone())
		}
		code = append(code, jen.Switch(subject).Block(jen.Case(cases...), jen.Default().Block(out.fail(enumMessage(r.Enum)))))
	}
	return code
}

// decimalChecks checks the numeric bounds of a Decimal by its float value.
func (c *checker) decimalChecks(r *ir.Rule, v val, out ret) []jen.Code {
	inner := c.numberChecks(&ir.Rule{Min: r.Min, Max: r.Max, ExclusiveMin: r.ExclusiveMin, ExclusiveMax: r.ExclusiveMax, MultipleOf: r.MultipleOf}, "float64", jen.Id("f"), out)
	if len(inner) == 0 {
		return nil
	}
	return []jen.Code{jen.If(jen.List(jen.Id("f"), jen.Err()).Op(":=").Qual("strconv", "ParseFloat").Call(jen.String().Parens(v.whole()), jen.Lit(64)), jen.Err().Op("==").Nil()).Block(inner...)}
}

func (c *checker) sliceChecks(r *ir.Rule, t *ir.GoType, v val, out ret, depth int) []jen.Code {
	code := countChecks(v, r.MinItems, r.MaxItems, "item", "items", out)
	i := "i" + strconv.Itoa(depth)
	item := v.x.Clone().Index(jen.Id(i))
	if inner := c.checks(r.Items, t.Elem, val{x: item, addr: jen.Op("&").Add(item.Clone())}, out.atIndex(jen.Id(i)), depth+1); len(inner) > 0 {
		code = append(code, jen.For(jen.Id(i).Op(":=").Range().Add(v.whole())).Block(inner...))
	}
	if r.UniqueItems {
		unique := "UniqueJSON"
		if c.comparable(t.Elem) {
			unique = "UniqueComparable"
		}
		code = append(code, jen.If(jen.Op("!").Add(rt(unique)).Call(v.x.Clone())).Block(out.fail("must not repeat items")))
	}
	return code
}

func (c *checker) mapChecks(r *ir.Rule, t *ir.GoType, v val, out ret, depth int) []jen.Code {
	code := countChecks(v, r.MinProps, r.MaxProps, "property", "properties", out)
	return append(code, c.mapValues(r.Additional, t.Elem, v.whole(), out, depth)...)
}

// countChecks bounds len(v) (of a slice or map) by lo and hi. A nil v is
// a value that is absent (a JSON array or object, even empty, decodes to a
// non-nil one), which a lower bound does not concern: whether it may be
// absent is the strict pass's to say.
func countChecks(v val, lo, hi *uint64, one, many string, out ret) []jen.Code {
	var code []jen.Code
	if lo != nil && *lo > 0 {
		code = append(code, jen.If(v.whole().Op("!=").Nil().Op("&&").Len(v.whole()).Op("<").Add(intLit(*lo))).Block(out.fail("must have at least "+count(*lo, one, many))))
	}
	if hi != nil {
		code = append(code, jen.If(jen.Len(v.whole()).Op(">").Add(intLit(*hi))).Block(out.fail("must have at most "+count(*hi, one, many))))
	}
	return code
}

// count is "1 item" or "n items".
func count(n uint64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatUint(n, 10) + " " + many
}

// mapValues checks every value of a map against r.
func (c *checker) mapValues(r *ir.Rule, elem *ir.GoType, m *jen.Statement, out ret, depth int) []jen.Code {
	k, x := "k"+strconv.Itoa(depth), "x"+strconv.Itoa(depth)
	inner := c.checks(r, elem, val{x: jen.Id(x)}, out.atKey(jen.Id(k)), depth+1)
	if len(inner) == 0 {
		return nil
	}
	return []jen.Code{jen.For(jen.List(jen.Id(k), jen.Id(x)).Op(":=").Range().Add(m.Clone())).Block(inner...)}
}

// fallback checks a value held as any (or raw JSON) with the rule table.
func (c *checker) fallback(r *ir.Rule, v val, out ret, fn string) []jen.Code {
	if trivial(r) {
		return nil
	}
	if c.dry {
		return []jen.Code{jen.Null()}
	}
	name := "anyRule" + strconv.Itoa(len(c.fallbacks))
	c.fallbacks = append(c.fallbacks, jen.Var().Id(name).Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Op("*").Add(rt("Rule")).Block(
		jen.Id("r").Op(":=").Add(rt("ParseRules")).Call(jen.Index().String().Values(jen.Lit(""), textLit(c.ruleJSON(r))), c.patternTable()).Index(jen.Lit("")),
		rt("LinkRules").Call(jen.Id("validationRules").Call(), jen.Map(jen.String()).Op("*").Add(rt("Rule")).Values(jen.Dict{jen.Lit(""): jen.Id("r")})),
		jen.Return(jen.Id("r")),
	)))
	return []jen.Code{jen.If(jen.Err().Op(":=").Add(rt(fn)).Call(jen.Id(name).Call(), v.x.Clone()), jen.Err().Op("!=").Nil()).Block(out(jen.Err()))}
}

// pattern returns the package variable holding a compiled pattern.
func (c *checker) pattern(p string) string {
	if c.dry {
		return "pattern"
	}
	if name, ok := c.patterns[p]; ok {
		return name
	}
	name := "pattern" + strconv.Itoa(len(c.patternOrder))
	c.patterns[p] = name
	c.patternOrder = append(c.patternOrder, p)
	return name
}

// comparable reports whether Go can compare values of t with ==, as the
// JSON values they hold compare.
func (c *checker) comparable(t *ir.GoType) bool {
	switch t.Kind {
	case ir.Builtin:
		return t.Name != "any"
	case ir.Named:
		if nt := c.e.types[t.Name]; nt != nil && (nt.Kind == ir.Enum || nt.Kind == ir.Alias && nt.Underlying.Kind == ir.Builtin && nt.Underlying.Name != "any") {
			return true
		}
		return t.Name == ir.NameDecimal || t.Name == ir.NameDecimalString
	}
	return false
}

// compare is x op bound, exact for integers: an integer bound is an
// untyped constant of x's kind; others compare as float64.
func compare(goKind string, x *jen.Statement, op string, bound float64) *jen.Statement {
	if lit, ok := intConst(goKind, bound); ok && isIntKind(goKind) {
		return x.Clone().Op(op).Add(lit)
	}
	if goKind == "float64" {
		return x.Clone().Op(op).Add(floatLit(bound))
	}
	return jen.Float64().Parens(x.Clone()).Op(op).Add(floatLit(bound))
}

func isIntKind(k string) bool { return strings.HasPrefix(k, "int") || strings.HasPrefix(k, "uint") }

// intConst is f as an integer constant when it is one within the range of
// the integer kind goKind.
func intConst(goKind string, f float64) (jen.Code, bool) {
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		return nil, false
	}
	lo, hi := -9223372036854775808.0, 9223372036854775808.0 // [lo, hi)
	switch goKind {
	case "int32":
		lo, hi = math.MinInt32, math.MaxInt32+1
	case "uint32":
		lo, hi = 0, math.MaxUint32+1
	case "uint64", "uint":
		lo = 0
	}
	if f < lo || f >= hi {
		return nil, false
	}
	return jen.Op(strconv.FormatInt(int64(f), 10)), true
}

func floatLit(f float64) jen.Code {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return jen.Op(s)
}

func intLit(n uint64) jen.Code {
	return jen.Op(strconv.FormatUint(min(n, math.MaxInt32), 10))
}

func number(e any) (float64, bool) {
	switch n := e.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	}
	return 0, false
}

func boundMessage(inclusive, exclusive string, b float64, excl bool) string {
	word := inclusive
	if excl {
		word = exclusive
	}
	return "must be " + word + " " + strconv.FormatFloat(b, 'g', -1, 64)
}

// enumMessage lists the allowed values, the first 20 of them.
func enumMessage(values []any) string {
	parts := make([]string, 0, min(len(values), 21))
	for i, v := range values {
		if i == 20 {
			parts = append(parts, "...")
			break
		}
		switch v := v.(type) {
		case string:
			parts = append(parts, strconv.Quote(v))
		case float64:
			parts = append(parts, strconv.FormatFloat(v, 'g', -1, 64))
		default:
			parts = append(parts, fmt.Sprint(v))
		}
	}
	return "must be one of " + strings.Join(parts, ", ")
}
