package lower

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// enum lowers a schema with an enum list into a defined type with one
// constant per value.
func (l *lowerer) enum(t *ir.Type, s *openapi3.Schema) {
	t.Kind = ir.Enum
	base := l.plainType(s, t.Pointer, t.Name)
	if base.Kind != ir.Builtin || base.Name == "any" {
		base = enumBase(s.Enum)
	}
	values := make([]any, len(s.Enum))
	ok := true
	switch base.Name {
	case "int32", "int64", "uint32", "uint64":
		base, ok = l.integerEnum(t, s, base, values)
	case "float32", "float64":
		base, ok = l.floatEnum(t, s, base, values)
	default:
		for i, v := range s.Enum {
			if v == nil {
				continue
			}
			if values[i], ok = enumValue(v, base); !ok {
				break
			}
		}
	}
	if !ok {
		// Values of several JSON types, or integers beyond 64 bits: no Go
		// constant type holds them all, so the type holds any value; the
		// server checks them.
		l.alias(t, builtin("any"))
		t.IsAlias = true
		t.Doc = strings.TrimSpace(t.Doc + fmt.Sprintf("\n\nIt is one of %s.", enumList(s.Enum)))
		return
	}
	t.Underlying = base
	reg := names.NewRegistry()
	seen := map[any]bool{}
	for i, v := range s.Enum {
		val := values[i]
		if v == nil || seen[val] {
			continue // null makes the enum nullable; duplicates are one constant
		}
		seen[val] = true
		t.Values = append(t.Values, &ir.EnumValue{Name: l.names.Claim(t.Name + reg.Claim(names.Label(enumLabel(val)))), Value: val})
	}
}

// enumBase picks the Go type of an enum whose schema gives no usable type.
func enumBase(values []any) *ir.GoType {
	for _, v := range values {
		switch v.(type) {
		case string:
			return builtin("string")
		case bool:
			return builtin("bool")
		}
	}
	return builtin("float64")
}

// enumValue converts a decoded JSON string or boolean to the enum's Go
// base type.
func enumValue(v any, base *ir.GoType) (any, bool) {
	switch base.Name {
	case "string":
		s, ok := v.(string)
		return s, ok
	case "bool":
		b, ok := v.(bool)
		return b, ok
	}
	return nil, false
}

// enumLabel is the word an enum constant is named after.
func enumLabel(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		if text := strconv.FormatFloat(v, 'f', -1, 64); len(text) <= 24 {
			return text
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case int64:
		if digits, negative := strings.CutPrefix(strconv.FormatInt(v, 10), "-"); negative {
			return "Minus" + digits
		}
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	}
	return fmt.Sprint(v)
}

// floatEnum fills values with the float64 values of a number enum, and
// widens float32 to float64 (with a warning) when a value does not fit it.
func (l *lowerer) floatEnum(t *ir.Type, s *openapi3.Schema, base *ir.GoType, values []any) (*ir.GoType, bool) {
	wide := base
	for i, v := range s.Enum {
		if v == nil {
			continue
		}
		f, ok := v.(float64)
		if !ok {
			return nil, false
		}
		if base.Name == "float32" && math.Abs(f) > math.MaxFloat32 {
			wide = builtin("float64")
		}
		values[i] = f
	}
	if wide != base {
		l.warn(diag.At(diag.Pointer(t.Pointer, "enum"), "the enum has values format %s cannot hold; %s is a %s", s.Format, t.Name, wide.Name))
	}
	return wide, true
}

// integer ranges of the Go types an integer enum may have.
var (
	minInt32, maxInt32   = big.NewInt(math.MinInt32), big.NewInt(math.MaxInt32)
	maxUint32            = new(big.Int).SetUint64(math.MaxUint32)
	minInt64, maxInt64   = big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	maxUint64            = new(big.Int).SetUint64(math.MaxUint64)
	zero                 = big.NewInt(0)
	integerRanges        = map[string][2]*big.Int{"int32": {minInt32, maxInt32}, "uint32": {zero, maxUint32}, "int64": {minInt64, maxInt64}, "uint64": {zero, maxUint64}}
	exactFloat64Integers = float64(1 << 53)
)

// integerEnum fills values with the int64 (or uint64) values of an integer
// enum, read exactly, and returns the Go type that holds them all: the
// format's type, or int64 or uint64 when a value does not fit that (with a
// warning when the spec gave the format). It returns false when a value
// is no integer, or no 64-bit type holds them all.
func (l *lowerer) integerEnum(t *ir.Type, s *openapi3.Schema, base *ir.GoType, values []any) (*ir.GoType, bool) {
	ints := make([]*big.Int, len(s.Enum))
	for i, v := range s.Enum {
		if v == nil {
			continue
		}
		n, ok := l.exactInt(v, diag.Pointer(t.Pointer, "enum", strconv.Itoa(i)))
		if !ok {
			return nil, false
		}
		ints[i] = n
	}
	fitsAll := func(name string) bool {
		r := integerRanges[name]
		for _, n := range ints {
			if n != nil && (n.Cmp(r[0]) < 0 || n.Cmp(r[1]) > 0) {
				return false
			}
		}
		return true
	}
	name := base.Name
	if !fitsAll(name) {
		switch {
		case fitsAll("int64"):
			name = "int64"
		case fitsAll("uint64"):
			name = "uint64"
		default:
			l.warn(diag.At(diag.Pointer(t.Pointer, "enum"), "the enum has integers no 64-bit Go type holds; %s holds any value", t.Name))
			return nil, false
		}
		if s.Format != "" {
			l.warn(diag.At(diag.Pointer(t.Pointer, "enum"), "the enum has values format %s cannot hold; %s is an %s", s.Format, t.Name, name))
		}
	}
	for i, n := range ints {
		switch {
		case n == nil:
		case name == "uint64" || name == "uint32":
			values[i] = n.Uint64()
		default:
			values[i] = n.Int64()
		}
	}
	return builtin(name), true
}

// exactInt returns the integer an enum value is. A float64 holds integers
// exactly only up to 2^53, so larger ones are read from the spec's text
// at ptr, when ptr points into the spec and the text agrees with v.
func (l *lowerer) exactInt(v any, ptr string) (*big.Int, bool) {
	f, ok := v.(float64)
	if !ok || math.IsInf(f, 0) || math.IsNaN(f) || f != math.Trunc(f) {
		return nil, false
	}
	if math.Abs(f) < exactFloat64Integers {
		return big.NewInt(int64(f)), true
	}
	if l.loc != nil && (strings.HasPrefix(ptr, "/") || strings.HasPrefix(ptr, "#/")) {
		if text, ok := l.loc.Scalar(ptr); ok {
			if n, ok := new(big.Int).SetString(strings.TrimPrefix(text, "+"), 10); ok {
				if nf, _ := new(big.Float).SetInt(n).Float64(); nf == f {
					return n, true
				}
			}
		}
	}
	l.warn(diag.At(ptr, "the integer %g is beyond 2^53 and its exact digits could not be read from the spec; its nearest float64 is used", f))
	n, _ := new(big.Float).SetFloat64(f).Int(nil)
	return n, true
}
