package generator_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator"
	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/lower"
)

// FuzzSpecText puts arbitrary strings into every text position of a small
// spec that uses every kind of declaration the generator emits, generates
// a package, and holds the result to what spec text may do: nothing but
// prose in comments and values in literals. The package must parse; its
// comments must hold no directive, build constraint or block comment; its
// static files must be the templates as they are; and it must declare
// exactly what the intermediate representation says (no more top-level
// names, methods or struct fields). A spec the generator refuses must be
// refused cleanly: a diagnostic naming the file and line, never a panic
// or "a generator bug".
//
// The four strings land in prose (title, version, descriptions, summaries,
// tags, examples, defaults), names (properties, a query parameter, an
// operationId, a component, a security scheme), values (enum values, a
// discriminator value, server variables, a pattern) and the wire (a media
// type, header names, a server URL, a path segment). Header names keep
// only the characters of an HTTP token and the path no braces: anything
// else is refused (golden case error-refusals), which would leave every
// other position of that input untested.
func FuzzSpecText(f *testing.F) {
	for _, seed := range fuzzSeeds {
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	// Type-check one package first, outside any input's time: the first
	// check imports the standard packages the generated code uses (go
	// list -export for each), which can take longer than the 10 s the
	// fuzzing engine gives one input, and so be reported as a hang.
	warm := generator.Config{Spec: "spec.json", Out: "out", Package: "api"}
	if res, err := generator.Generate(warm, fuzzSpec("", "id", "v", "X-Id")); err == nil {
		_ = packageProblems(res, warm)
	}
	f.Fuzz(func(t *testing.T, prose, name, value, wire string) {
		src := fuzzSpec(prose, name, value, wire)
		cfg := generator.Config{Spec: "spec.json", Out: "out", Package: "api"}
		res, err := generator.Generate(cfg, src)
		if err != nil {
			checkRefusal(t, err, src)
			return
		}
		checkPackage(t, res, cfg)
	})
}

// fuzzSeeds are the attacks the generator once fell for, and plain text.
var fuzzSeeds = [][4]string{
	{"A plain description.", "name", "value", "X-Wire"},
	{"Evil\n//go:generate touch PWNED_TITLE", "id", "v", "X-Id"},
	{"/*\n*/ func init() { panic(\"x\") }", "*/ func init() {} /*", "*/ const Injected = 1 /*", "application/json*/ Evil int /*"},
	{"first\n//go:generate touch PWNED\n//go:build ignore", "a", "b", "c"},
	{"+build ignore", "//go:build ignore", "\u2028//go:generate x", "X-A*/"},
	{"NUL \x00 ESC \x1b RLO \u202e BOM \ufeff", "\x00", "\u202e", "\ufeff"},
	{"\r//line x.go:1\r\n//export F\u2029//extern f", "%d%s%v", "%!", "/%s"},
	{"`\"\\", "`", "\"\\`", "{"},
	{"", "", "", ""},
}

// fuzzSpec builds the spec, as JSON so that any string can stand
// anywhere.
func fuzzSpec(prose, name, value, wire string) []byte {
	// JSON holds only valid UTF-8 (encoding/json replaces the rest), and
	// the $ref to the component called name must match its key.
	name = strings.ToValidUTF8(name, "\ufffd")
	type m = map[string]any
	str := func(d string) m { return m{"type": "string", "description": d} }
	item := m{
		"type":        "object",
		"title":       prose,
		"description": prose,
		"required":    []string{name, "kind"},
		"properties": m{
			name:   m{"type": "string", "description": prose, "example": prose, "default": value},
			"kind": m{"$ref": "#/components/schemas/Kind"},
			"tags": m{"type": "array", "items": str(prose)},
			"meta": m{"type": "object", "description": prose, "additionalProperties": str(prose)},
			"when": m{"type": "string", "format": "date-time", "nullable": true},
			"code": m{"type": "string", "pattern": value},
		},
	}
	spec := m{
		"openapi": "3.0.3",
		"info":    m{"title": prose, "version": prose, "description": prose},
		"servers": []any{m{
			"url":         "https://example.com/" + wire + "/{" + value + "}",
			"description": prose,
			"variables":   m{value: m{"default": value, "enum": []string{value, "v2"}, "description": prose}},
		}},
		"tags": []any{m{"name": prose, "description": prose}},
		"paths": m{
			"/items/{id}": m{
				"get": m{
					"operationId": name,
					"summary":     prose,
					"description": prose,
					"tags":        []string{prose},
					"parameters": []any{
						m{"name": "id", "in": "path", "required": true, "description": prose, "schema": m{"type": "string", "example": value}},
						m{"name": name, "in": "query", "description": prose, "schema": m{"type": "integer", "default": 3}},
						m{"name": httpToken(wire), "in": "header", "description": prose, "schema": m{"type": "string"}},
						m{"name": httpToken(name), "in": "cookie", "description": prose, "deprecated": true, "schema": m{"type": "array", "items": m{"type": "string"}}},
					},
					"responses": m{
						"200": m{
							"description": prose,
							"headers":     m{httpToken(wire) + "-Rate": m{"description": prose, "schema": m{"type": "integer"}}},
							"content": m{
								"application/json": m{"schema": m{"$ref": "#/components/schemas/Item"}},
								wire:               m{"schema": m{"type": "string", "description": prose}},
							},
						},
						"404": m{"description": prose, "content": m{"application/json": m{"schema": m{"$ref": "#/components/schemas/Problem"}}}},
					},
				},
			},
			"/items/" + strings.NewReplacer("{", "", "}", "").Replace(wire): m{
				"post": m{
					"operationId": "create " + name,
					"description": prose,
					"requestBody": m{"required": true, "description": prose, "content": m{
						"application/json": m{"schema": m{"$ref": "#/components/schemas/Shape"}},
					}},
					"responses": m{"201": m{"description": prose}, "default": m{"description": prose}},
					"security":  []any{m{name: []string{}}},
					"callbacks": m{name: m{"{$request.body#/" + value + "}": m{"post": m{
						"requestBody": m{"content": m{"application/json": m{"schema": m{"type": "object", "description": prose, "properties": m{name: str(prose)}}}}},
						"responses":   m{"200": m{"description": prose}},
					}}}},
				},
				"put": m{
					"operationId": "form " + name,
					"deprecated":  true,
					"requestBody": m{"content": m{"application/x-www-form-urlencoded": m{"schema": m{
						"type": "object", "required": []string{name},
						"properties": m{name: str(prose), "count": m{"type": "integer", "enum": []any{1, 2}}, "at": m{"type": "array", "items": m{"type": "string", "enum": []string{value}}}},
					}}}},
					"responses": m{"204": m{"description": prose}, "4XX": m{"description": prose, "content": m{"application/json": m{"schema": m{"$ref": "#/components/schemas/Problem"}}}}},
				},
			},
			"/upload": m{
				"post": m{
					"operationId": "upload " + value,
					"summary":     prose,
					"requestBody": m{"content": m{"multipart/form-data": m{"schema": m{
						"type": "object", "properties": m{name: m{"type": "string", "format": "binary"}, "note": str(prose)},
					}}}},
					"responses": m{"200": m{"description": prose, "content": m{"text/plain": m{"schema": m{"type": "string"}}}}},
				},
			},
		},
		"components": m{
			"securitySchemes": m{
				name:     m{"type": "apiKey", "in": "query", "name": name, "description": prose},
				"bearer": m{"type": "http", "scheme": "bearer", "description": prose},
			},
			"schemas": m{
				"Item": item,
				"Kind": m{"type": "string", "description": prose, "enum": []string{value, value + "2", "fixed"}},
				"Problem": m{"type": "object", "required": []string{"message"}, "properties": m{
					"message": str(prose), "status": m{"type": "integer"},
				}},
				"Shape": m{
					"description":   prose,
					"oneOf":         []any{m{"$ref": "#/components/schemas/Item"}, m{"$ref": "#" + (&url.URL{Fragment: "/components/schemas/" + pointerToken(name)}).EscapedFragment()}},
					"discriminator": m{"propertyName": "kind", "mapping": m{value: "#/components/schemas/Item"}},
				},
				name: m{"type": "object", "description": prose, "properties": m{"kind": str(prose), name: m{"type": "boolean"}}},
			},
		},
		"security": []any{m{"bearer": []string{}}},
	}
	src, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		panic(err)
	}
	return src
}

// httpToken keeps the characters of s an HTTP token may hold: a header name
// that is not one is refused (see the golden case error-refusals), which
// would leave the other positions untested.
func httpToken(s string) string {
	t := strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return r
		}
		return -1
	}, s)
	return "X" + t
}

// pointerToken escapes a name for a JSON pointer (RFC 6901).
func pointerToken(s string) string {
	return diag.Pointer("", s)[1:]
}

// checkRefusal holds a refusal to the rules: a diagnostic (or a list of
// them) that names the spec and a line, never an internal error.
func checkRefusal(t *testing.T, err error, src []byte) {
	t.Helper()
	var list *lower.Errors
	var one *diag.Diagnostic
	switch {
	case errors.As(err, &list):
		for _, d := range list.List {
			checkDiagnostic(t, d, err, src)
		}
	case errors.As(err, &one):
		checkDiagnostic(t, one, err, src)
	default:
		t.Fatalf("refused with %T, not a diagnostic: %v\nspec:\n%s", err, err, src)
	}
}

func checkDiagnostic(t *testing.T, d *diag.Diagnostic, err error, src []byte) {
	t.Helper()
	if d.File != "spec.json" || d.Line <= 0 {
		t.Fatalf("a diagnostic without file and line: %v\nspec:\n%s", err, src)
	}
}
