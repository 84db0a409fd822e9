package diag

import (
	"slices"
	"testing"
)

func TestPointerRoundTrip(t *testing.T) {
	for _, tokens := range [][]string{{"paths", "/pets/{id}", "get"}, {"a~b", "c/d"}, {"x"}} {
		p := Pointer("", tokens...)
		if got := Split(p); !slices.Equal(got, tokens) {
			t.Errorf("Split(Pointer(%q)) = %q via %q", tokens, got, p)
		}
	}
	if p := Pointer("", "paths", "/pets/{id}"); p != "/paths/~1pets~1{id}" {
		t.Errorf("Pointer = %q", p)
	}
}

const doc = `openapi: 3.0.3
info:
  title: t
paths:
  /pets:
    get:
      parameters:
        - name: a
        - name: b
      responses:
        "200":
          $ref: "#/components/responses/Missing"
`

func TestLocator(t *testing.T) {
	l := NewLocator("api.yaml", []byte(doc))
	for ptr, want := range map[string]int{
		"":                                    1,
		"/info/title":                         3,
		"/paths/~1pets/get":                   6,
		"/paths/~1pets/get/parameters/1":      9,
		"/paths/~1pets/get/parameters/1/name": 9,
		"/paths/~1pets/get/nothing/here":      6, // nearest existing ancestor
	} {
		if got := l.Line(ptr); got != want {
			t.Errorf("Line(%q) = %d, want %d", ptr, got, want)
		}
	}
	ptr, line := l.FindRef("#/components/responses/Missing")
	if ptr != "/paths/~1pets/get/responses/200" || line != 12 {
		t.Errorf("FindRef = %q, %d", ptr, line)
	}
	d := l.Resolve(At("/info/title", "bad %s", "title"))
	if d.Error() != "api.yaml:3: #/info/title: bad title" {
		t.Errorf("Error() = %q", d.Error())
	}
	if got := NewLocator("x.yaml", []byte("{not yaml")).Line("/a"); got != 0 {
		t.Errorf("unparsable document: line %d", got)
	}
}

func TestErrorEscapesControls(t *testing.T) {
	d := &Diagnostic{File: "a.yaml", Line: 3, Pointer: "/paths/~1a\nb", Msg: "bad \x1b[31mred\x1b[0m\ngen: forged"}
	want := `a.yaml:3: #/paths/~1a\nb: bad \x1b[31mred\x1b[0m\ngen: forged`
	if got := d.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
