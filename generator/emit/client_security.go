package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// securityOptions emits one option per security scheme that stores its
// credentials on the client.
func (e *emitter) securityOptions(f *jen.File) {
	basic := false
	for _, s := range e.api.Schemes {
		set := func(v jen.Code) jen.Code { return jen.Id("c").Dot(credField(s)).Op("=").Add(v) }
		what := map[ir.SchemeKind]string{
			ir.HTTPBearer:    "sets the bearer token",
			ir.HTTPBasic:     "sets the user name and password",
			ir.APIKey:        fmt.Sprintf("sets the API key (sent in the %s %s)", s.In, s.ParamName),
			ir.OAuth2:        "sets the OAuth 2 access token, obtained by the caller,",
			ir.OpenIDConnect: "sets the OpenID Connect token, obtained by the caller,",
		}[s.Kind]
		doc := fmt.Sprintf("%s sent to the operations that require the %q security scheme.", what, s.Name)
		if s.Kind == ir.HTTPBasic {
			basic = true
			f.Comment(s.Option + " " + doc)
			f.Func().Id(s.Option).Params(jen.List(jen.Id("username"), jen.Id("password")).String()).Id(ir.NameOption).Block(
				jen.Return(jen.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Block(
					set(jen.Op("&").Id("basicCredentials").Values(jen.Id("username"), jen.Id("password"))),
				)),
			)
			continue
		}
		option(f, s.Option, doc, jen.Id("secret").String(), set(jen.Op("&").Id("secret")))
	}
	if basic {
		f.Type().Id("basicCredentials").Struct(jen.List(jen.Id("username"), jen.Id("password")).String())
	}
	if e.anySecurity() {
		f.Comment(ir.NameErrNoCredential + " is returned, wrapped, when an operation needs credentials the client was not given.")
		f.Var().Id(ir.NameErrNoCredential).Op("=").Qual("errors", "New").Call(jen.Lit("no credentials for this operation"))
	}
}

func (e *emitter) anySecurity() bool {
	for _, op := range e.api.Operations {
		if len(op.Security) > 0 {
			return true
		}
	}
	return false
}

// authorize returns the statements that apply the first alternative of
// the operation's requirements for which the client has every credential.
func (e *emitter) authorize(op *ir.Operation, fail func(err jen.Code) jen.Code) []jen.Code {
	if len(op.Security) == 0 {
		return nil
	}
	var cases []jen.Code
	var options []string
	optional := false
	for _, alt := range op.Security {
		if len(alt) == 0 {
			optional = true
			break
		}
		var cond *jen.Statement
		var apply []jen.Code
		for _, use := range alt {
			c := jen.Id("c").Dot(credField(use.Scheme)).Op("!=").Nil()
			if cond == nil {
				cond = c
			} else {
				cond = cond.Op("&&").Add(c)
			}
			apply = append(apply, applyCredential(use.Scheme))
			options = append(options, use.Scheme.Option)
		}
		cases = append(cases, jen.Case(cond).Block(apply...))
	}
	if !optional {
		msg := fmt.Sprintf("%s: %%w (set %s)", op.Name, strings.Join(options, " or "))
		cases = append(cases, jen.Default().Block(fail(jen.Qual("fmt", "Errorf").Call(jen.Lit(msg), jen.Id(ir.NameErrNoCredential)))))
	}
	return []jen.Code{jen.Switch().Block(cases...)}
}

// applyCredential sets one scheme's credential on req.
func applyCredential(s *ir.SecurityScheme) jen.Code {
	cred := jen.Id("c").Dot(credField(s))
	switch s.Kind {
	case ir.HTTPBasic:
		return jen.Id("req").Dot("SetBasicAuth").Call(cred.Clone().Dot("username"), cred.Clone().Dot("password"))
	case ir.APIKey:
		switch s.In {
		case ir.InQuery:
			return jen.Block(
				jen.Id("q").Op(":=").Id("req").Dot("URL").Dot("Query").Call(),
				jen.Id("q").Dot("Set").Call(jen.Lit(s.ParamName), jen.Op("*").Add(cred)),
				jen.Id("req").Dot("URL").Dot("RawQuery").Op("=").Id("q").Dot("Encode").Call(),
			)
		case ir.InCookie:
			return jen.Id("req").Dot("AddCookie").Call(jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{jen.Id("Name"): jen.Lit(s.ParamName), jen.Id("Value"): jen.Op("*").Add(cred)}))
		}
		return jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(s.ParamName), jen.Op("*").Add(cred))
	}
	return jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Lit("Bearer ").Op("+").Op("*").Add(cred))
}
