// Package ir is the generator's intermediate representation: what the
// generated Go package declares, with every Go name already resolved.
//
// It is plain data. It imports neither the OpenAPI parser nor the code
// emitter, so the lowering stage (spec to IR) and the emitting stage (IR to
// Go) can be read, tested and changed apart. Every slice is in a
// deterministic order chosen by the lowering stage; emitters never sort and
// never invent names.
package ir

// API is one generated package.
type API struct {
	Title       string
	Version     string
	Description string
	Servers     []*Server
	// Types are the named Go types, sorted by name.
	Types []*Type
	// Operations are sorted by Go name.
	Operations []*Operation
	// Schemes are the security schemes, sorted by Go name.
	Schemes []*SecurityScheme
	// DefaultErrorShape names the error shape most error responses use,
	// for errors outside any operation (404, 405); "" when there is none.
	DefaultErrorShape string
	// Support lists the static support files the types need (see the
	// templates package), sorted.
	Support []string
	// IntegersByValue: an integer is any number whose fractional part is
	// zero, however written (2.0, 1e0), as in OpenAPI 3.1 (JSON Schema
	// 2020-12); in 3.0 (and Swagger 2.0) only one written without a
	// fraction or an exponent is.
	IntegersByValue bool
}

// Server is an entry of the spec's servers list.
type Server struct {
	Name        string // Go constant name
	URL         string
	Description string
	Variables   []*ServerVariable
}

// ServerVariable is a substitution variable in a server URL.
type ServerVariable struct {
	Name        string
	Default     string
	Enum        []string
	Description string
}

// GoKind says how a GoType is spelt.
type GoKind int

// The kinds of GoType.
const (
	Builtin    GoKind = iota // Name is a predeclared type: string, int64, bool, any...
	Qualified                // Pkg.Name from another package, e.g. time.Time
	Named                    // Name is a type declared in the generated package
	Slice                    // []Elem
	Map                      // map[string]Elem
	Pointer                  // *Elem
	NullableOf               // Nullable[Elem]: absent, null or a value
	EventsOf                 // *EventStream[Elem]: server-sent events of Elem values
)

// GoType is a Go type expression, kept as structure rather than text.
type GoType struct {
	Kind GoKind
	Name string
	Pkg  string
	Elem *GoType
}

// Same reports whether t and u spell the same Go type.
func (t *GoType) Same(u *GoType) bool {
	if t == nil || u == nil {
		return t == u
	}
	return t.Kind == u.Kind && t.Name == u.Name && t.Pkg == u.Pkg && t.Elem.Same(u.Elem)
}

// Declared is the name of the generated type t holds, maybe through a
// pointer or Nullable; "" for any other type.
func (t *GoType) Declared() string {
	if t.Kind == Pointer || t.Kind == NullableOf {
		t = t.Elem
	}
	if t.Kind != Named {
		return ""
	}
	return t.Name
}

// HoldsFiles reports whether t is a multipart body's file field: FilePart,
// a pointer to one, or a list of them.
func (t *GoType) HoldsFiles() bool {
	if t.Kind == Pointer || t.Kind == Slice {
		t = t.Elem
	}
	return t.Kind == Named && t.Name == NameFilePart
}

// TypeKind says what a named type declares.
type TypeKind int

// The kinds of Type.
const (
	Struct TypeKind = iota // a struct of Fields
	Enum                   // a defined type over Underlying with constant Values
	Alias                  // a defined type over Underlying (type X []Y)
	Union                  // one of several Variants (oneOf/anyOf)
)

// Type is a named type of the generated package.
type Type struct {
	Name       string
	Kind       TypeKind
	Doc        string
	Deprecated bool
	// Pointer is the spec location it came from, "#/components/schemas/X".
	Pointer    string
	Underlying *GoType
	Fields     []*Field
	Values     []*EnumValue
	Variants   []*Variant
	// IsAlias makes an Alias a Go type alias (type X = Y) rather than a
	// defined type, so that it keeps the methods of Y.
	IsAlias bool
	// Extra, for a struct whose schema allows properties besides the named
	// ones (additionalProperties or patternProperties with a schema), is
	// the Go type of their values, kept in the map field ExtraField.
	Extra      *GoType
	ExtraField string
	// Unknown names the field that keeps what the schema does not
	// declare, so that a value from a newer API survives a read and a
	// write: for a struct whose schema allows other properties but gives
	// them no schema, the members of the object it does not declare
	// (UnknownMembers); for a union, a value that fits none of its
	// alternatives (*json.RawMessage). "" when there is none.
	Unknown string
	// Rule is what a server checks of a value of the type.
	Rule *Rule
	// Discriminator, for a union, names the property whose value says
	// which variant a JSON object is.
	Discriminator *Discriminator
	// Exclusive is true for oneOf (exactly one variant must match) and
	// false for anyOf (every matching variant is decoded).
	Exclusive bool
	// Message, for a struct, lists the paths of JSON names to the string
	// properties that may hold a human-readable message, best first
	// (x-error-message says which, or properties such as "message"): the
	// first that is set is what an error response with a body of the type
	// says in its Error().
	Message [][]string
	// Nullable is set when the schema admits null: where the type is used,
	// a pointer (or Nullable) holds it, unless it is nil-able itself.
	Nullable bool
}

// Field is a struct field.
type Field struct {
	Name       string
	JSONName   string
	Doc        string
	Type       *GoType
	Required   bool
	Nullable   bool
	Deprecated bool
	// OmitEmpty is set for optional fields: they are left out of the JSON
	// encoding when unset; OmitZero for optional nullable ones (Nullable).
	OmitEmpty bool
	OmitZero  bool
	// ReadOnly properties are sent by servers only, WriteOnly ones by
	// clients only: neither is required of the side that does not send it.
	ReadOnly, WriteOnly bool
}

// EnumValue is one constant of an Enum.
type EnumValue struct {
	Name string
	// Value is a string, int64, float64 or bool.
	Value any
}

// Variant is one alternative of a Union.
type Variant struct {
	// Name is the Go field name holding the variant.
	Name string
	Type *GoType
	// JSONKinds are the JSON value kinds the variant accepts: "object",
	// "array", "string", "number", "boolean".
	JSONKinds []string
	// Required are the property names an object variant needs to match.
	Required []string
	// Properties are the properties an object variant declares, sorted by
	// name: a value fits the variant only if each present property is of
	// a kind it allows (and is its one value, for a const or a one-value
	// enum).
	Properties []*VariantProp
	// Closed is set when the variant allows no other property
	// (additionalProperties: false).
	Closed bool
	// ItemKinds, for an array variant, are the JSON kinds its items may
	// have (nil for any).
	ItemKinds []string
	// ItemRequired, for an array variant of objects, are the properties
	// each item must have.
	ItemRequired []string
	// Values are the JSON texts of the only values the variant allows (an
	// enum or a const), nil for any.
	Values []string
	// Pattern is the regular expression a string variant matches (one Go
	// compiles), or "".
	Pattern string
	// Rule is everything the variant's schema says of a value: when a
	// value fits the shapes of several variants, the ones whose rule it
	// breaks are not it.
	Rule *Rule
}

// VariantProp is a property a union variant declares.
type VariantProp struct {
	Name string
	// Kinds are the JSON kinds the property may have; nil for any.
	Kinds []string
	// Const is the JSON text of the one value the property may have, or
	// "" when it may have several.
	Const string
}

// Discriminator maps the values of a property to union variants.
type Discriminator struct {
	Property string
	// Cases are sorted by value; several values may name one variant.
	Cases []*DiscriminatorCase
}

// DiscriminatorCase is one value of a discriminator property.
type DiscriminatorCase struct {
	Value   string
	Variant string // the Variant's Name
}
