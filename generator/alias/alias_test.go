package alias

import (
	"go/format"
	"strings"
	"testing"
)

// TestFile names every exported declaration of the types' package but
// the internal functions (a type named as they are is named): types (generic ones too) with their doc comments,
// constants and variables grouped, functions forwarded with their type
// parameters, variadic arguments spread, and the imports their
// signatures need.
func TestFile(t *testing.T) {
	models := map[string][]byte{
		"internal/schemas/types.go": []byte(`package schemas

import (
	"context"
	stdtime "time"
)

// Pet is a pet.
//
// Deprecated: the API description marks this as deprecated.
type Pet struct{ Name string }

// DecodeJSONOptions is named as the internal functions are.
type DecodeJSONOptions struct{}

type (
	// Kind is a kind.
	Kind string
	hidden int
)

// The values of Kind.
const (
	KindCat Kind = "cat"
	kindSecret Kind = "x"
)

var ErrGone = context.Canceled

// Box holds a value.
type Box[T any, K comparable] struct{ v T }

// Wrap boxes v.
func Wrap[T any](v T, keys ...string) Box[T, string] { return Box[T, string]{v: v} }

// Since says how long ago.
func Since(at stdtime.Time) stdtime.Duration { return stdtime.Since(at) }

func Touch(p *Pet) { p.Name = "x" }

func DecodeJSONslicePet(p *[]Pet) error { return nil }

func unexported() {}
`),
	}
	got, err := File(models, "example.com/api/internal/schemas", "schemas", "api", "// Code generated. DO NOT EDIT.",
		func(name string) bool { return strings.HasPrefix(name, "DecodeJSON") })
	if err != nil {
		t.Fatal(err)
	}
	want := `// Code generated. DO NOT EDIT.

package api

// The types of the API description are declared in package schemas, which
// this package's client and server share; these are their names here.

import (
	"example.com/api/internal/schemas"
	stdtime "time"
)

type (
	// Pet is a pet.
	//
	// Deprecated: the API description marks this as deprecated.
	Pet = schemas.Pet
	// DecodeJSONOptions is named as the internal functions are.
	DecodeJSONOptions = schemas.DecodeJSONOptions
	// Kind is a kind.
	Kind = schemas.Kind
	// Box holds a value.
	Box[T any, K comparable] = schemas.Box[T, K]
)

const (
	KindCat = schemas.KindCat
)

var (
	ErrGone = schemas.ErrGone
)

// Wrap boxes v.
func Wrap[T any](v T, keys ...string) Box[T, string] {
	return schemas.Wrap[T](v, keys...)
}

// Since says how long ago.
func Since(at stdtime.Time) stdtime.Duration {
	return schemas.Since(at)
}

func Touch(p *Pet) {
	schemas.Touch(p)
}
`
	formatted, err := format.Source(got)
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	if string(formatted) != want {
		t.Errorf("got:\n%s\nwant:\n%s", formatted, want)
	}
}
