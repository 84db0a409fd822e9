package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// client emits what of the client depends on the spec besides the
// operations: server constants and one option per security scheme. The
// Client type itself and its plumbing are static (client_runtime.go).
func (e *emitter) client(f *jen.File) {
	e.serverConstants(f)
	e.securityOptions(f)
}

// serverConstants emits the spec's servers as constants.
func (e *emitter) serverConstants(f *jen.File) {
	if len(e.api.Servers) == 0 {
		return
	}
	f.Add(commentLine("The servers the API description lists, for NewClient."))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, s := range e.api.Servers {
			for _, c := range docLines(s.Name, s.Description, "") {
				g.Add(c)
			}
			for _, v := range s.Variables {
				g.Add(commentLine(fmt.Sprintf("Replace {%s}: it defaults to %q%s.", v.Name, v.Default, enumNote(v.Enum))))
			}
			g.Id(s.Name).Op("=").Lit(s.URL)
		}
	})
}

func enumNote(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return fmt.Sprintf(" and may be one of %q", vals)
}

// setCred is the body of an option that stores a credential.
func setCred(s *ir.SecurityScheme, cred jen.Code) jen.Code {
	return jen.Return(jen.Id("clientOption").Call(jen.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Block(
		jen.Id("c").Dot("rt").Dot("Creds").Index(jen.Lit(s.Name)).Op("=").Add(cred),
	)))
}

// securityOptions emits the options that give the client each scheme's
// credentials.
func (e *emitter) securityOptions(f *jen.File) {
	for _, s := range e.api.Schemes {
		uses := fmt.Sprintf("the operations that require the %q security scheme", s.Name)
		switch s.Kind {
		case ir.HTTPBasic:
			f.Add(commentLine(fmt.Sprintf("%s sets the user name and password sent to %s.", s.Option, uses)))
			schemeDoc(f, s)
			f.Func().Id(s.Option).Params(jen.List(jen.Id("username"), jen.Id("password")).String()).Id(ir.NameOption).Block(
				setCred(s, rt("BasicCredential").Call(jen.Id("username"), jen.Id("password"))))
		case ir.APIKey:
			f.Add(commentLine(fmt.Sprintf("%s sets the API key sent, in the %s %q, to %s.", s.Option, s.In, s.ParamName, uses)))
			schemeDoc(f, s)
			f.Func().Id(s.Option).Params(jen.Id("key").String()).Id(ir.NameOption).Block(
				setCred(s, rt("APIKeyCredential").Call(jen.Lit(string(s.In)), jen.Lit(s.ParamName), jen.Id("key"))))
		case ir.HTTPOther:
			f.Add(commentLine(fmt.Sprintf("%s sets the credentials sent as \"Authorization: %s <credentials>\" to %s.", s.Option, s.HTTPScheme, uses)))
			schemeDoc(f, s)
			f.Func().Id(s.Option).Params(jen.Id("credentials").String()).Id(ir.NameOption).Block(
				setCred(s, rt("HTTPCredential").Call(jen.Lit(s.HTTPScheme), jen.Id("credentials"))))
		case ir.MutualTLS:
			f.Add(commentLine(fmt.Sprintf("%s declares that the client's HTTP client presents a TLS client certificate,", s.Option)))
			f.Add(commentLine(fmt.Sprintf("which %s need (configure it in the http.Client's TLS settings).", uses)))
			schemeDoc(f, s)
			f.Func().Id(s.Option).Params().Id(ir.NameOption).Block(
				setCred(s, jen.Op("&").Add(rt("Credential")).Values(jen.Dict{jen.Id("Apply"): rt("NoCredential")})))
		default:
			what := map[ir.SchemeKind]string{ir.HTTPBearer: "bearer token", ir.OAuth2: "OAuth 2 access token", ir.OpenIDConnect: "OpenID Connect token"}[s.Kind]
			f.Add(commentLine(fmt.Sprintf("%s sets a fixed %s sent to %s.", s.Option, what, uses)))
			schemeDoc(f, s)
			f.Func().Id(s.Option).Params(jen.Id("token").String()).Id(ir.NameOption).Block(
				setCred(s, rt("BearerCredential").Call(rt("StaticToken").Call(jen.Id("token")))))
			f.Add(commentLine(fmt.Sprintf("%s takes the %s sent to %s from src, for each request.", s.SourceOption, what, uses)))
			f.Func().Id(s.SourceOption).Params(jen.Id("src").Id(ir.NameTokenSource)).Id(ir.NameOption).Block(
				setCred(s, rt("BearerCredential").Call(jen.Id("src"))))
		}
		if s.TokenFlow != nil {
			e.loginOption(f, s)
		}
	}
}

// loginOption emits the option that runs a scheme's token flow.
func (e *emitter) loginOption(f *jen.File, s *ir.SecurityScheme) {
	fl := s.TokenFlow
	f.Add(commentLine(fmt.Sprintf("%s makes the client obtain the token of the %q scheme itself: it calls", s.LoginOption, s.Name)))
	f.Add(commentLine(fmt.Sprintf("%s with username and password on first need, renews the token through %s", fl.Login.Name, fl.Refresh.Name)))
	expiry := "after the server refuses it"
	if fl.Expiry == "jwt-exp" {
		expiry = "shortly before it expires (the JWT's exp claim) or after the server refuses it"
	}
	f.Add(commentLine(expiry + ", and logs in again when"))
	f.Add(commentLine("renewing fails. Concurrent calls share one login or refresh; a request refused with"))
	f.Add(commentLine("401 Unauthorized is sent once more with a renewed token."))
	flowCall := func(op *ir.Operation, props jen.Dict) []jen.Code {
		args := []jen.Code{jen.Id("ctx")}
		if op.ParamsType != "" {
			args = append(args, jen.Id(op.ParamsType).Values())
		}
		body := jen.Id("body")
		if !op.Body.Required {
			body = jen.Op("&").Id("body")
		}
		args = append(args, body)
		return []jen.Code{
			jen.Var().Id("body").Add(typ(op.Body.Type)),
			jen.If(jen.Err().Op(":=").Add(rt("FillJSON")).Call(jen.Op("&").Id("body"), jen.Map(jen.String()).String().Values(props)), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Id("c").Dot(op.Name).Call(args...)),
		}
	}
	ctx := jen.Id("ctx").Qual("context", "Context")
	cfg := jen.Dict{
		jen.Id("Login"): jen.Func().Params(ctx).Params(jen.Any(), jen.Error()).Block(
			flowCall(fl.Login, jen.Dict{jen.Lit(fl.UsernameField): jen.Id("username"), jen.Lit(fl.PasswordField): jen.Id("password")})...),
		jen.Id("Refresh"): jen.Func().Params(ctx, jen.Id("refreshToken").String()).Params(jen.Any(), jen.Error()).Block(
			flowCall(fl.Refresh, jen.Dict{jen.Lit(fl.RefreshField): jen.Id("refreshToken")})...),
		jen.Id("Token"):        jen.Lit(fl.Token),
		jen.Id("RefreshToken"): jen.Lit(fl.RefreshToken),
		jen.Id("JWTExpiry"):    jen.Lit(fl.Expiry == "jwt-exp"),
	}
	f.Func().Id(s.LoginOption).Params(jen.List(jen.Id("username"), jen.Id("password")).String()).Id(ir.NameOption).Block(
		jen.Return(jen.Id("clientOption").Call(jen.Func().Params(jen.Id("c").Op("*").Id(ir.NameClient)).Block(
			jen.Id("c").Dot("rt").Dot("Creds").Index(jen.Lit(s.Name)).Op("=").Add(rt("BearerCredential")).Call(
				rt("NewTokenFlow").Call(rt("TokenFlowConfig").Values(cfg))),
		))),
	)
}

// schemeDoc adds the scheme's description to an option's doc comment.
func schemeDoc(f *jen.File, s *ir.SecurityScheme) {
	lines := commentLines(s.Doc)
	if len(lines) == 0 {
		return
	}
	f.Add(commentLine(""))
	for _, l := range lines {
		f.Add(l)
	}
}
