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
	opts := schemeOption(pkg, scheme, "")
	pager := pagedOperation(api)
	if pager != nil && len(pager.Security) > 0 && len(pager.Security[0]) > 0 {
		if other := pager.Security[0][0].Scheme; other != scheme {
			opts += schemeOption(pkg, other, "2")
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
	// Per-call options: a deadline, and the response's metadata.
	args = append(args, pkg+".WithTimeout(10*time.Second)", pkg+".WithResponse(&info)")
	call := fmt.Sprintf("c.%s(%s)", op.Name, strings.Join(args, ", "))
	lines = append(lines, "var info "+pkg+".ResponseInfo", "res, err := "+call)
	for _, r := range op.Responses {
		if !r.Success && r.Code != 0 {
			lines = append(lines,
				fmt.Sprintf("var failed *%s.%s", pkg, r.TypeName),
				"if errors.As(err, &failed) {",
				fmt.Sprintf("	// the documented %d response: failed.Message() says why, failed.Body holds it all", r.Code),
				"}",
			)
			break
		}
	}
	lines = append(lines, "if err != nil {", "	return err", "}", "use(res, info.Header.Get(\"Date\"))")
	if pager != nil {
		p := pager.Pagination
		lines = append(lines,
			fmt.Sprintf("for item, err := range c.%s(ctx, %s.%s{ /* ... */ }) {", p.Method, pkg, pager.ParamsType),
			"	if err != nil {",
			"		return err",
			"	}",
			"	use(item)",
			"}",
		)
	}
	return lines
}

// schemeOption is the client option that gives the credentials of scheme.
func schemeOption(pkg string, scheme *ir.SecurityScheme, n string) string {
	switch {
	case scheme == nil:
		return ""
	case scheme.LoginOption != "":
		return fmt.Sprintf(", %s.%s(username%s, password%s)", pkg, scheme.LoginOption, n, n)
	case scheme.Kind == ir.HTTPBasic:
		return fmt.Sprintf(", %s.%s(username%s, password%s)", pkg, scheme.Option, n, n)
	}
	return fmt.Sprintf(", %s.%s(secret%s)", pkg, scheme.Option, n)
}

// pagedOperation is the operation with pagination whose items the example
// iterates.
func pagedOperation(api *ir.API) *ir.Operation {
	var best *ir.Operation
	for _, op := range api.Operations {
		// The one with the most parameters shows filters too.
		if op.Pagination != nil && op.ParamsType != "" && (best == nil || len(op.Params) > len(best.Params)) {
			best = op
		}
	}
	return best
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
