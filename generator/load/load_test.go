package load

import (
	"errors"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/generator/diag"
)

func TestLoadErrors(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"yaml syntax": {"openapi: 3.0.3\ninfo:\n  title: [unclosed\n", "api.yaml:4: "}, // where the YAML parser gives up
		"missing file": {"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: 'nope.yaml#/components/responses/Nope'\n",
			"api.yaml:8: #/paths/~1a/get/responses/200: unresolvable $ref \"nope.yaml#/components/responses/Nope\""},
		"openapi 2":   {"openapi: 2.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "api.yaml:1: #/openapi: unsupported: OpenAPI version \"2.0.0\""},
		"swagger 1.2": {"swagger: '1.2'\ninfo: {title: t, version: '1'}\n", "api.yaml:1: #/swagger: unsupported: Swagger 1.2"},
	} {
		_, _, err := Load("api.yaml", []byte(tc.src))
		var d *diag.Diagnostic
		if !errors.As(err, &d) || !strings.HasPrefix(d.Error(), tc.want) {
			t.Errorf("%s: %v, want a diagnostic starting %q", name, err, tc.want)
		}
	}
}

// TestDanglingRefs: a $ref within the document to nothing is mended with
// a lenient warning at its line, by what stands there.
func TestDanglingRefs(t *testing.T) {
	src := `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    parameters:
      - $ref: '#/components/parameters/Nope'
    post:
      requestBody: {$ref: '#/components/requestBodies/Nope'}
      responses:
        '200': {$ref: '#/components/responses/Nope'}
        '201': {$ref: '#/components/requestBodies/Body'}
        '202':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/$defs/Nope', description: kept}
components:
  requestBodies:
    Body:
      description: a body
      content:
        application/json:
          schema: {type: string}
`
	spec, warnings, err := Load("api.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		if w.Lenient {
			got = append(got, w.Error())
		}
	}
	want := []string{
		`api.yaml:6: #/paths/~1a/parameters/0: the $ref "#/components/parameters/Nope" leads to nothing in the document; the parameter is left out`,
		`api.yaml:8: #/paths/~1a/post/requestBody: the $ref "#/components/requestBodies/Nope" leads to nothing in the document; the request body is left out`,
		`api.yaml:10: #/paths/~1a/post/responses/200: the $ref "#/components/responses/Nope" leads to nothing in the document; the response is read as one without a body`,
		`api.yaml:11: #/paths/~1a/post/responses/201: the response is a $ref to the request body "#/components/requestBodies/Body", not to a response; it is read as a response with that body's content`,
		`api.yaml:16: #/paths/~1a/post/responses/202/content/application~1json/schema: the $ref "#/$defs/Nope" leads to nothing in the document; the schema is read as any JSON value`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	op := spec.Doc.Paths.Value("/a").Post
	if op.RequestBody != nil || len(spec.Doc.Paths.Value("/a").Parameters) != 0 {
		t.Error("the parameter or the request body was kept")
	}
	if r := op.Responses.Value("201").Value; r.Description == nil || *r.Description != "a body" || r.Content["application/json"] == nil {
		t.Errorf("201 is not the body's content: %+v", r)
	}
	if s := op.Responses.Value("202").Value.Content["application/json"].Schema.Value; s.Description != "kept" || s.Type != nil {
		t.Errorf("202's schema is not an empty one with its description: %+v", s)
	}
}

func TestWarningsAndRepair(t *testing.T) {
	src := "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\ncomponents:\n  schemas:\n    T:\n      type: array\n      items:\n        - type: string\n"
	spec, warnings, err := Load("api.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if spec.Doc.Components.Schemas["T"].Value.Items == nil {
		t.Error("the tuple items were not replaced")
	}
	var msgs []string
	for _, w := range warnings {
		msgs = append(msgs, w.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"api.yaml:8: #/components/schemas/T/items: items is a list", "api.yaml:2: #/info: "} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
}

// TestSwagger2 reads a Swagger 2.0 description as OpenAPI 3 and reports
// problems at the 2.0 file's lines and pointers.
func TestSwagger2(t *testing.T) {
	src := `swagger: "2.0"
info: {title: Pets, version: "1"}
host: pets.example.com
basePath: /v1
paths:
  /pets/{id}:
    put:
      operationId: putPet
      parameters:
        - {name: id, in: path, required: true, type: string}
        - name: pet
          in: body
          required: true
          schema:
            type: array
      responses:
        200:
          description: The pet.
          schema: {$ref: "#/definitions/Pet"}
definitions:
  Pet:
    type: object
    properties:
      tags:
        type: array
`
	spec, warnings, err := Load("api.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	op := spec.Doc.Paths.Value("/pets/{id}").Put
	if op == nil || op.RequestBody == nil || op.Responses.Value("200").Value.Content["application/json"] == nil || spec.Doc.Components.Schemas["Pet"] == nil {
		t.Fatalf("not converted: %+v", op)
	}
	if got := spec.Doc.Servers[0].URL; got != "https://pets.example.com/v1" {
		t.Errorf("server %q", got)
	}
	var msgs []string
	for _, w := range warnings {
		msgs = append(msgs, w.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"api.yaml:21: #/definitions/Pet: ",
		"api.yaml:7: #/paths/~1pets~1{id}/put: ",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	for ptr, want := range map[string]int{
		"/components/schemas/Pet/properties/tags":                                     24,
		"/paths/~1pets~1{id}/put/requestBody/content/application~1json/schema/type":   15,
		"/paths/~1pets~1{id}/put/responses/200/content/application~1json/schema/$ref": 19,
		"/servers/0/url": 3,
		"/openapi":       1,
	} {
		if got := spec.Locator.Line(ptr); got != want {
			t.Errorf("%s: line %d, want %d", ptr, got, want)
		}
	}
	if l := spec.Locator.Line("/paths/~1pets~1{id}/put/parameters/0/schema/type"); l != 10 {
		t.Errorf("the path parameter's type is on line %d, want 10", l)
	}
}

// TestSwagger2Repair: a response schema that is a $ref to a response takes
// that response's schema, or none, with a warning at the line.
func TestSwagger2Repair(t *testing.T) {
	src := `swagger: "2.0"
info: {title: T, version: "1"}
paths:
  /a:
    get:
      responses:
        200:
          description: OK.
          schema: {$ref: "#/responses/thing"}
        204:
          description: Nothing.
          schema: {$ref: "#/responses/empty"}
responses:
  thing:
    description: A thing.
    schema: {type: string}
  empty:
    description: Nothing.
`
	spec, warnings, err := Load("api.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rs := spec.Doc.Paths.Value("/a").Get.Responses
	if s := rs.Value("200").Value.Content["application/json"]; s == nil || !s.Schema.Value.Type.Is("string") {
		t.Errorf("200 body: %+v", s)
	}
	if c := rs.Value("204").Value.Content; len(c) != 0 {
		t.Errorf("204 has a body: %v", c)
	}
	var msgs []string
	for _, w := range warnings {
		msgs = append(msgs, w.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`api.yaml:9: #/paths/~1a/get/responses/200/schema: a schema $ref names the response "thing"`, `api.yaml:12: #/paths/~1a/get/responses/204/schema: a schema $ref names the response "empty"`} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
}

// TestLoadJSON: a JSON description loads through its block YAML rewrite,
// and one the rewrite cannot carry (a duplicate key, which YAML refuses
// and JSON resolves last-one-wins; a key too long for YAML) loads as it is.
func TestLoadJSON(t *testing.T) {
	long := strings.Repeat("k", 1100)
	for name, src := range map[string]string{
		"plain":     `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`,
		"duplicate": `{"openapi":"3.0.3","info":{"title":"x","title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`,
		"long key":  `{"openapi":"3.0.3","info":{"title":"t","version":"1","x-` + long + `":1},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}`,
	} {
		spec, _, err := Load("api.json", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := spec.Doc.Info.Title; got != "t" {
			t.Errorf("%s: title %q, want t", name, got)
		}
		if spec.Doc.Paths.Find("/a") == nil {
			t.Errorf("%s: no path /a", name)
		}
	}
}
