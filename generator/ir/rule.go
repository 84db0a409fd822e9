package ir

// Rule is what a server checks of a JSON value before it reaches the
// implementation: the constraints of a schema. Named types are referred to
// by name (Ref), so rules of recursive schemas stay finite.
type Rule struct {
	// Ref names the Type whose rule applies; the other fields are then
	// empty.
	Ref string
	// Types are the JSON types allowed ("object", "array", "string",
	// "number", "integer", "boolean"); none means any.
	Types    []string
	Nullable bool

	Required     []string
	Props        []*PropRule // sorted by name
	Additional   *Rule
	NoAdditional bool
	MinProps     *uint64
	MaxProps     *uint64

	Items       *Rule
	MinItems    *uint64
	MaxItems    *uint64
	UniqueItems bool

	// Enum lists the allowed values (strings, float64, bool).
	Enum []any
	// EnumJSON lists, as JSON texts, the allowed values of an enum or
	// const that has objects or arrays among them (all of its values).
	EnumJSON     []string
	Min, Max     *float64
	ExclusiveMin bool
	ExclusiveMax bool
	MultipleOf   *float64

	MinLength *uint64
	MaxLength *uint64
	// Pattern is a regular expression Go's regexp package compiles.
	Pattern string
	// Format is a format the server checks: date-time, date, uuid, email,
	// uri, ipv4, ipv6, byte (base64).
	Format string

	// AnyOf lists alternatives of which at least one must hold; exactly
	// one when Exclusive (a oneOf).
	AnyOf     []*Rule
	Exclusive bool
	// Never is set when the constraints contradict (allOf parts whose
	// enums or types have nothing in common): no value is valid.
	Never bool
}

// PropRule is the rule of one object property.
type PropRule struct {
	Name string
	Rule *Rule
}
