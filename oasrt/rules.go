package oasrt

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Rule is what a generated server checks of a JSON value: the
// constraints of a schema of the API description (the package's
// validationRules). DecodeStrict reads its structure (kinds, properties,
// required ones, items); the values of typed fields are checked by
// generated code, and CheckAny checks values the package holds as any.
type Rule struct {
	ref          string
	types        []string
	nullable     bool
	required     []string
	props        map[string]*Rule
	additional   *Rule
	noAdditional bool
	minProps     int
	maxProps     *int
	items        *Rule
	minItems     int
	maxItems     *int
	uniqueItems  bool
	enum         []any
	enumJSON     []string // the JSON texts of an enum with objects or arrays
	min, max     *float64
	exclMin      bool
	exclMax      bool
	multipleOf   float64
	minLength    int
	maxLength    *int
	pattern      *regexp.Regexp
	format       string
	anyOf        []*Rule
	oneOf        bool // exactly one of anyOf must hold
	never        bool // the constraints contradict: no value is valid

	// Set by LinkRules.
	linked       bool
	target       *Rule    // the named rule ref names
	slots        []uint32 // a hash table of bit+1 by keyHash (see bit)
	names        []string // the property and required names, by bit
	sub          []*Rule  // the rule of each property, by bit
	requiredBits []int
	foldNames    []string // names a key must not match in another case
	single       *Rule    // the one alternative of a nullable wrapper
	kinds        uint8    // the JSON kinds allowed, 0 for any
	kindsDone    bool
	kindText     string
}

// The JSON kinds of a value, as bits of rule.kinds.
const (
	kindNull uint8 = 1 << iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// kindNames names the kinds, by bit.
var kindNames = [...]string{"null", "true or false", "a number", "a string", "an array", "an object"}

// anyRule is the rule of a value the API description says nothing about.
var anyRule = &Rule{}

// resolve follows references; nil, and a reference to a type whose rule
// checks nothing (which the table leaves out), are anyRule.
func (r *Rule) resolve() *Rule {
	if r == nil {
		return anyRule
	}
	for r.target != nil {
		r = r.target
	}
	if r.ref != "" {
		return anyRule
	}
	return r
}

// bit returns the bit of a declared property name, from a small
// open-addressing table: one hash of a few bytes and, mostly, one compare.
func (r *Rule) bit(key []byte) (int, bool) {
	if len(r.slots) == 0 {
		return 0, false
	}
	mask := uint32(len(r.slots) - 1)
	for h := keyHash(key) & mask; ; h = (h + 1) & mask {
		slot := r.slots[h]
		if slot == 0 {
			return 0, false
		}
		if name := r.names[slot-1]; len(name) == len(key) && name == string(key) {
			return int(slot - 1), true
		}
	}
}

// keyHash hashes a key by its length and three of its bytes.
func keyHash(key []byte) uint32 {
	n := len(key)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9e3779b1 ^ uint32(key[0])<<16 ^ uint32(key[n/2])<<8 ^ uint32(key[n-1])
	h ^= h >> 15
	h *= 0x85ebca6b
	return h ^ h>>13
}

// folds returns the property a key names in another case ("" if none):
// encoding/json would fill that property, so the key is refused. A key
// that is itself one of the names (of one alternative, when another spells
// it in another case) is not.
func (r *Rule) folds(key []byte) string {
	folded := ""
	for _, name := range r.foldNames {
		if name == string(key) {
			return ""
		}
		if folded == "" && strings.EqualFold(name, string(key)) {
			folded = name
		}
	}
	return folded
}

// ruleText is a rule as the generated tables write it, in JSON: rules
// are data, parsed once on first use, not code to compile.
type ruleText struct {
	Ref        string               `json:"ref"`
	Never      bool                 `json:"never"`
	Types      []string             `json:"t"`
	Nullable   bool                 `json:"null"`
	Required   []string             `json:"req"`
	Props      map[string]*ruleText `json:"p"`
	Additional *ruleText            `json:"add"`
	NoAdd      bool                 `json:"noAdd"`
	MinProps   int                  `json:"minP"`
	MaxProps   *int                 `json:"maxP"`
	Items      *ruleText            `json:"i"`
	MinItems   int                  `json:"minI"`
	MaxItems   *int                 `json:"maxI"`
	Unique     bool                 `json:"uniq"`
	Enum       []any                `json:"enum"`
	EnumJSON   []string             `json:"enumJSON"`
	Min        *float64             `json:"min"`
	Max        *float64             `json:"max"`
	ExclMin    bool                 `json:"xMin"`
	ExclMax    bool                 `json:"xMax"`
	MultipleOf float64              `json:"mult"`
	MinLength  int                  `json:"minL"`
	MaxLength  *int                 `json:"maxL"`
	Pattern    string               `json:"pat"`
	Format     string               `json:"f"`
	AnyOf      []*ruleText          `json:"any"`
	OneOf      bool                 `json:"one"`
}

// ParseRules reads a table of rules: texts holds each name, then the JSON
// of its rule. The generator wrote the texts, so they always parse; the
// patterns are compiled once, in patterns.
func ParseRules(texts []string, patterns map[string]*regexp.Regexp) map[string]*Rule {
	m := make(map[string]*Rule, len(texts)/2)
	for i := 0; i+1 < len(texts); i += 2 {
		var t *ruleText
		if err := json.Unmarshal([]byte(texts[i+1]), &t); err != nil {
			panic("ParseRules: " + texts[i] + ": " + err.Error())
		}
		m[texts[i]] = t.rule(patterns)
	}
	return m
}

// rule is the rule t describes.
func (t *ruleText) rule(patterns map[string]*regexp.Regexp) *Rule {
	if t == nil {
		return nil
	}
	r := &Rule{
		ref: t.Ref, never: t.Never, types: t.Types, nullable: t.Nullable, required: t.Required,
		additional: t.Additional.rule(patterns), noAdditional: t.NoAdd, minProps: t.MinProps, maxProps: t.MaxProps,
		items: t.Items.rule(patterns), minItems: t.MinItems, maxItems: t.MaxItems, uniqueItems: t.Unique,
		enum: t.Enum, enumJSON: t.EnumJSON, min: t.Min, max: t.Max, exclMin: t.ExclMin, exclMax: t.ExclMax,
		multipleOf: t.MultipleOf, minLength: t.MinLength, maxLength: t.MaxLength, format: t.Format, oneOf: t.OneOf,
	}
	if t.Pattern != "" {
		r.pattern = patterns[t.Pattern]
	}
	if t.Props != nil {
		r.props = make(map[string]*Rule, len(t.Props))
		for name, p := range t.Props {
			r.props[name] = p.rule(patterns)
		}
	}
	for _, alt := range t.AnyOf {
		r.anyOf = append(r.anyOf, alt.rule(patterns))
	}
	return r
}

// LinkRules prepares the rules of a table for DecodeStrict: references
// point at the named rules, properties get bit numbers, kinds are bits.
func LinkRules(named, table map[string]*Rule) {
	for _, r := range named {
		r.link(named)
	}
	for _, r := range table {
		r.link(named)
	}
	for _, r := range named {
		r.linkKinds(0)
	}
	for _, r := range table {
		r.linkKinds(0)
	}
}

func (r *Rule) link(named map[string]*Rule) {
	if r == nil || r.linked {
		return
	}
	r.linked = true
	if r.ref != "" {
		r.target = named[r.ref]
		r.target.link(named)
		return
	}
	names := make([]string, 0, len(r.props)+len(r.required))
	for name := range r.props {
		names = append(names, name)
	}
	for _, name := range r.required {
		if _, ok := r.props[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	r.names = slices.Compact(names)
	size := 8
	for size < 2*len(r.names) {
		size *= 2
	}
	r.slots = make([]uint32, size)
	for bit, name := range r.names {
		r.sub = append(r.sub, r.props[name])
		h := keyHash([]byte(name)) & uint32(size-1)
		for r.slots[h] != 0 {
			h = (h + 1) & uint32(size-1)
		}
		r.slots[h] = uint32(bit + 1)
	}
	for _, name := range r.required {
		bit, _ := r.bit([]byte(name))
		r.requiredBits = append(r.requiredBits, bit)
	}
	r.foldNames = slices.Clip(r.names)
	for _, sub := range r.props {
		sub.link(named)
	}
	r.additional.link(named)
	r.items.link(named)
	for _, alt := range r.anyOf {
		alt.link(named)
	}
	if len(r.anyOf) == 1 && len(r.names) == 0 {
		r.single = r.anyOf[0]
		return
	}
	// Alternatives beside or instead of properties: keys are still refused
	// in another case than an alternative spells them, and an alternative
	// that is itself a union spells the names of its own alternatives
	// (linked above, so foldNames is set; a cycle back to r adds what is
	// set so far).
	for _, alt := range r.anyOf {
		r.foldNames = append(r.foldNames, alt.resolve().foldNames...)
	}
	if len(r.foldNames) > len(r.names) {
		sort.Strings(r.foldNames)
		r.foldNames = slices.Compact(r.foldNames)
	}
}

// linkKinds sets the JSON kinds a rule allows, from its types or those of
// its alternatives.
func (r *Rule) linkKinds(depth int) uint8 {
	r = r.resolve()
	if r == anyRule || depth > 32 {
		return 0
	}
	if r.kindsDone {
		return r.kinds
	}
	var kinds uint8
	for _, t := range r.types {
		switch t {
		case "object":
			kinds |= kindObject
		case "array":
			kinds |= kindArray
		case "string":
			kinds |= kindString
		case "number", "integer":
			kinds |= kindNumber
		case "boolean":
			kinds |= kindBool
		}
	}
	if len(r.types) == 0 && len(r.anyOf) > 0 {
		for _, alt := range r.anyOf {
			k := alt.linkKinds(depth + 1)
			if k == 0 {
				kinds = 0
				break
			}
			kinds |= k
		}
	}
	if kinds != 0 && r.nullable {
		kinds |= kindNull
	}
	r.kinds, r.kindsDone = kinds, true
	var words []string
	for i, word := range kindNames {
		if kinds&(1<<i) != 0 {
			words = append(words, word)
		}
	}
	r.kindText = strings.Join(words, " or ")
	// Only a chain of alternatives counts towards depth: properties and
	// items of a rule already marked done cannot loop.
	for _, sub := range r.sub {
		sub.linkKinds(0)
	}
	r.additional.linkKinds(0)
	r.items.linkKinds(0)
	return kinds
}

// PropertyNames are the property names of the schema of rule root and of
// the schemas inside it. The differential tests of generated packages use
// it: a key that folds to one of them is one encoding/json reads into a
// field, in any case, where the generated readers match it exactly.
func PropertyNames(root *Rule) map[string]bool {
	names := map[string]bool{}
	seen := map[*Rule]bool{}
	var walk func(r *Rule)
	walk = func(r *Rule) {
		if r == nil || seen[r] {
			return
		}
		seen[r] = true
		for n, sub := range r.props {
			names[n] = true
			walk(sub)
		}
		for _, n := range r.required {
			names[n] = true
		}
		walk(r.additional)
		walk(r.items)
		walk(r.target)
		for _, a := range r.anyOf {
			walk(a)
		}
	}
	walk(root)
	return names
}
