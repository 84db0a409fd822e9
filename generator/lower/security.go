package lower

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// securitySchemes lowers the components' security schemes.
func (l *lowerer) securitySchemes() {
	if l.doc.Components == nil {
		return
	}
	for _, key := range sortedKeys(l.doc.Components.SecuritySchemes) {
		ref := l.doc.Components.SecuritySchemes[key]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		ptr := diag.Pointer("", "components", "securitySchemes", key)
		sc := &ir.SecurityScheme{Name: key, GoName: l.names.Claim(names.Exported(key)), Doc: s.Description}
		switch strings.ToLower(s.Type) {
		case "http":
			switch strings.ToLower(s.Scheme) {
			case "bearer":
				sc.Kind = ir.HTTPBearer
			case "basic":
				sc.Kind = ir.HTTPBasic
			case "":
				l.fail(diag.At(ptr, "an http security scheme needs a scheme; add scheme: bearer, basic or another HTTP authentication scheme"))
				continue
			default:
				sc.Kind, sc.HTTPScheme = ir.HTTPOther, s.Scheme
			}
		case "apikey":
			sc.Kind, sc.In, sc.ParamName = ir.APIKey, ir.ParamIn(s.In), s.Name
			if sc.In != ir.InHeader && sc.In != ir.InQuery && sc.In != ir.InCookie {
				l.fail(diag.At(diag.Pointer(ptr, "in"), "API key location %q is not header, query or cookie; use one of them", s.In))
				continue
			}
			if msg := tokenProblem("API key "+s.In, s.Name); msg != "" && sc.In != ir.InQuery {
				l.fail(diag.At(diag.Pointer(ptr, "name"), "%s", msg))
				continue
			}
		case "oauth2":
			sc.Kind = ir.OAuth2
		case "openidconnect":
			sc.Kind = ir.OpenIDConnect
		case "mutualtls":
			sc.Kind = ir.MutualTLS
		default:
			l.fail(diag.At(diag.Pointer(ptr, "type"), "%ssecurity scheme type %q; use apiKey, http, oauth2, openIdConnect or mutualTLS", diag.Unsupported, s.Type))
			continue
		}
		sc.Option = l.names.Claim("With" + sc.GoName)
		if sc.Kind == ir.HTTPBearer || sc.Kind == ir.OAuth2 || sc.Kind == ir.OpenIDConnect {
			sc.SourceOption = l.names.Claim("With" + sc.GoName + "Source")
		}
		if _, ok := s.Extensions["x-token-flow"]; ok && sc.Kind == ir.HTTPBearer {
			sc.LoginOption = l.names.Claim("With" + sc.GoName + "Login")
		}
		l.schemes[key] = sc
	}
}

// security lowers an operation's security requirements, falling back to
// the document's when the operation states none.
func (l *lowerer) security(o *ir.Operation, own *openapi3.SecurityRequirements) [][]*ir.SecurityUse {
	reqs := l.doc.Security
	ptr := "/security"
	if own != nil {
		reqs, ptr = *own, diag.Pointer(o.Pointer, "security")
	}
	var out [][]*ir.SecurityUse
	dropped := 0
	for i, req := range reqs {
		alt := []*ir.SecurityUse{}
		for _, name := range sortedKeys(req) {
			sc, ok := l.schemes[name]
			if !ok {
				// A vendor's slip: nothing says how to send or check these
				// credentials, so this way of authenticating is left out.
				l.warn(diag.Lenient(diag.Pointer(ptr, strconv.Itoa(i)), "security requirement names %q, which is not a security scheme of components; this requirement is left out (declare the scheme under components/securitySchemes or correct the name)", name))
				alt = nil
				break
			}
			alt = append(alt, &ir.SecurityUse{Scheme: sc, Scopes: req[name]})
		}
		if alt == nil {
			dropped++
			continue
		}
		out = append(out, alt)
	}
	if dropped > 0 && len(out) == 0 {
		// Every way the spec states is unusable: the operation is
		// documented as needing credentials nobody can send, which is as
		// good as none; the server then checks none, and says so.
		l.warn(diag.Lenient(ptr, "no security requirement of this operation names a declared scheme: the client sends no credentials and the server checks none for it"))
	}
	return out
}

// tokenFlows reads the x-token-flow extension of every bearer scheme.
func (l *lowerer) tokenFlows() {
	for _, key := range sortedKeys(l.schemes) {
		sc := l.schemes[key]
		raw, ok := l.doc.Components.SecuritySchemes[key].Value.Extensions["x-token-flow"]
		if !ok {
			continue
		}
		ptr := diag.Pointer("", "components", "securitySchemes", key, "x-token-flow")
		if sc.Kind != ir.HTTPBearer {
			l.fail(diag.At(ptr, "x-token-flow is only read on an HTTP bearer scheme; move it to one (type: http, scheme: bearer)"))
			continue
		}
		sc.TokenFlow = l.tokenFlow(raw, ptr)
	}
}

func (l *lowerer) tokenFlow(raw any, ptr string) *ir.TokenFlow {
	m, _ := raw.(map[string]any)
	login, _ := m["login"].(map[string]any)
	refresh, _ := m["refresh"].(map[string]any)
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	f := &ir.TokenFlow{
		UsernameField: str(login, "username"),
		PasswordField: str(login, "password"),
		RefreshField:  str(refresh, "refreshToken"),
		Token:         str(m, "token"),
		RefreshToken:  str(m, "refreshToken"),
		Expiry:        str(m, "expiry"),
	}
	ok := true
	need := func(v, field string) {
		if v == "" {
			l.fail(diag.At(diag.Pointer(ptr, strings.Split(field, "/")...), "x-token-flow: %s is required; add it", field))
			ok = false
		}
	}
	need(f.UsernameField, "login/username")
	need(f.PasswordField, "login/password")
	need(f.RefreshField, "refresh/refreshToken")
	need(f.Token, "token")
	need(f.RefreshToken, "refreshToken")
	if f.Expiry != "" && f.Expiry != "jwt-exp" {
		l.fail(diag.At(diag.Pointer(ptr, "expiry"), "x-token-flow: expiry %q is not known (jwt-exp is)", f.Expiry))
		ok = false
	}
	f.Login = l.flowOp(str(login, "operationId"), diag.Pointer(ptr, "login"), []string{f.UsernameField, f.PasswordField}, f)
	f.Refresh = l.flowOp(str(refresh, "operationId"), diag.Pointer(ptr, "refresh"), []string{f.RefreshField}, f)
	if !ok || f.Login == nil || f.Refresh == nil {
		return nil
	}
	return f
}

// flowOp finds a token-flow operation and checks that its JSON body has the
// given properties and its success body holds both tokens.
func (l *lowerer) flowOp(id, ptr string, fields []string, f *ir.TokenFlow) *ir.Operation {
	o, raw := l.ops[id], l.rawOperation(id)
	if o == nil || raw == nil {
		l.fail(diag.At(diag.Pointer(ptr, "operationId"), "x-token-flow: no operation has operationId %q; name an operation of the spec", id))
		return nil
	}
	anonymous := len(o.Security) == 0
	for _, alt := range o.Security {
		anonymous = anonymous || len(alt) == 0
	}
	if !anonymous {
		l.fail(diag.At(o.Pointer, "x-token-flow: operation %q needs credentials itself; give it security: []", id))
		return nil
	}
	for _, p := range o.Params {
		if p.Required {
			l.fail(diag.At(o.Pointer, "x-token-flow: operation %q has the required parameter %q, which the flow cannot fill; make it optional or name another operation", id, p.Name))
			return nil
		}
	}
	if o.Body == nil || o.Body.Kind != ir.JSON || raw.RequestBody == nil {
		l.fail(diag.At(o.Pointer, "x-token-flow: operation %q needs a JSON request body; give it one that holds the credentials", id))
		return nil
	}
	body := raw.RequestBody.Value.Content.Get(o.Body.ContentType).Schema
	for _, name := range fields {
		if schemaAt(body, diag.Pointer("", name)) == nil {
			l.fail(diag.At(diag.Pointer(ptr, "operationId"), "x-token-flow: the request body of %q has no property %q; add it or name the property the body has", id, name))
			return nil
		}
	}
	var success *openapi3.SchemaRef
	for _, r := range o.Responses {
		if r.Success && r.Body != nil && r.Body.Kind == ir.JSON {
			success = raw.Responses.Value(strings.ToLower(r.Status)).Value.Content.Get(r.Body.ContentType).Schema
			break
		}
	}
	for _, p := range []string{f.Token, f.RefreshToken} {
		if s := schemaAt(success, p); s == nil || s.Value == nil || !s.Value.Type.Is("string") {
			l.fail(diag.At(ptr, "x-token-flow: the success body of %q has no string at %s; correct the JSON pointer or the response schema", id, p))
			return nil
		}
	}
	return o
}

func (l *lowerer) rawOperation(id string) *openapi3.Operation {
	o := l.ops[id]
	if o == nil {
		return nil
	}
	return l.doc.Paths.Value(o.Path).GetOperation(o.Method)
}

// schemaAt follows a JSON pointer of property names through a schema and
// its allOf parts.
func schemaAt(s *openapi3.SchemaRef, pointer string) *openapi3.SchemaRef {
	for _, tok := range diag.Split(pointer) {
		if s == nil || s.Value == nil {
			return nil
		}
		next := s.Value.Properties[tok]
		for _, part := range s.Value.AllOf {
			if next == nil && part.Value != nil {
				next = part.Value.Properties[tok]
			}
		}
		s = next
	}
	return s
}
