package generator

import (
	"fmt"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
)

// clientExample writes the usage example of the package documentation:
// making a client with the first scheme that can log in (or the first
// scheme), calling an operation that creates something with it, and
// handling a documented error.
func clientExample(api *ir.API, pkg string) []string {
	server := `"https://api.example.com"`
	if len(api.Servers) > 0 {
		server = pkg + "." + api.Servers[0].Name
	}
	var scheme *ir.SecurityScheme
	for _, s := range api.Schemes {
		if s.LoginOption != "" && scheme == nil {
			scheme = s
		}
	}
	if scheme == nil && len(api.Schemes) > 0 {
		scheme = api.Schemes[0]
	}
	opts := ""
	if scheme != nil {
		switch {
		case scheme.LoginOption != "":
			opts = fmt.Sprintf(", %s.%s(username, password)", pkg, scheme.LoginOption)
		case scheme.Kind == ir.HTTPBasic:
			opts = fmt.Sprintf(", %s.%s(username, password)", pkg, scheme.Option)
		default:
			opts = fmt.Sprintf(", %s.%s(secret)", pkg, scheme.Option)
		}
	}
	op := exampleOperation(api, scheme)
	lines := []string{
		fmt.Sprintf("c, err := %s.NewClient(%s%s)", pkg, server, opts),
		"if err != nil {",
		"	return err",
		"}",
	}
	if op == nil {
		return lines
	}
	args := []string{"ctx"}
	if op.ParamsType != "" {
		args = append(args, pkg+"."+op.ParamsType+"{ /* ... */ }")
	}
	if op.Body != nil {
		args = append(args, bodyExample(pkg, op.Body))
	}
	call := fmt.Sprintf("c.%s(%s)", op.Name, strings.Join(args, ", "))
	lines = append(lines, "res, err := "+call)
	for _, r := range op.Responses {
		if !r.Success && r.Code != 0 {
			lines = append(lines,
				fmt.Sprintf("var failed *%s.%s", pkg, r.TypeName),
				"if errors.As(err, &failed) {",
				fmt.Sprintf("	// the documented %d response, with its decoded body in failed.Body", r.Code),
				"}",
			)
			break
		}
	}
	return append(lines, "if err != nil {", "	return err", "}", "use(res)")
}

func bodyExample(pkg string, b *ir.Body) string {
	t := b.Type
	prefix := ""
	if !b.Required && t.Kind == ir.Named {
		prefix = "&"
	}
	if t.Kind == ir.Named {
		return prefix + pkg + "." + t.Name + "{ /* ... */ }"
	}
	return "body"
}

// exampleOperation prefers a POST with a body that uses scheme.
func exampleOperation(api *ir.API, scheme *ir.SecurityScheme) *ir.Operation {
	uses := func(op *ir.Operation) bool {
		for _, alt := range op.Security {
			for _, u := range alt {
				if u.Scheme == scheme {
					return true
				}
			}
		}
		return scheme == nil
	}
	for _, op := range api.Operations {
		if op.Method == "POST" && op.Body != nil && uses(op) {
			return op
		}
	}
	for _, op := range api.Operations {
		if uses(op) {
			return op
		}
	}
	if len(api.Operations) > 0 {
		return api.Operations[0]
	}
	return nil
}
