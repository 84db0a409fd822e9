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
		"missing ref": {"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Nope'\n",
			"api.yaml:8: #/paths/~1a/get/responses/200: unresolvable $ref \"#/components/responses/Nope\""},
		"swagger 2": {"swagger: '2.0'\nopenapi: 2.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "api.yaml:2: #/openapi: unsupported: OpenAPI version \"2.0.0\""},
	} {
		_, _, err := Load("api.yaml", []byte(tc.src))
		var d *diag.Diagnostic
		if !errors.As(err, &d) || !strings.HasPrefix(d.Error(), tc.want) {
			t.Errorf("%s: %v, want a diagnostic starting %q", name, err, tc.want)
		}
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
