package lower

import (
	"cmp"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/names"
)

// templateOperators matches RFC 6570 operators some specs write in path
// templates ({.name*}, {;name}); the parameter's style says the same.
var templateVars = regexp.MustCompile(`\{[^{}]*\}`)

var templateOperators = regexp.MustCompile(`\{[.;/?&+#]?([^{}*]+)\*?\}`)

// requestPath is the path an operation is sent to: RFC 6570 operators
// dropped from its variables, and without the "#..." some specs add to a
// path key to tell operations on one path apart (no request carries it).
func requestPath(key string) string {
	key, _, _ = strings.Cut(key, "#")
	key, _, _ = strings.Cut(key, "?")
	return templateOperators.ReplaceAllString(key, "{$1}")
}

// fixedQuery reads the query a path key carries ("?beta=true"), sorted.
func fixedQuery(key string) []*ir.QueryPair {
	key, _, _ = strings.Cut(key, "#")
	_, query, ok := strings.Cut(key, "?")
	if !ok {
		return nil
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return nil
	}
	var out []*ir.QueryPair
	for _, name := range sortedKeys(values) {
		out = append(out, &ir.QueryPair{Name: name, Value: values.Get(name)})
	}
	return out
}

var methods = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// operations lowers every operation, visiting paths in sorted order and
// methods in a fixed order, and returns them sorted by Go name.
func (l *lowerer) operations() []*ir.Operation {
	var ops []*ir.Operation
	refused := map[string]bool{}
	l.eachOperation(func(path, method string, item *openapi3.PathItem, op *openapi3.Operation) {
		if msg := pathProblem(requestPath(path)); msg != "" {
			if !refused[path] {
				refused[path] = true
				l.fail(diag.At(diag.Pointer("", "paths", path), "%s", msg))
			}
			return
		}
		ops = append(ops, l.operation(path, method, item, op))
	})
	slices.SortFunc(ops, func(a, b *ir.Operation) int { return cmp.Compare(a.Name, b.Name) })
	// A server registers routes in this order: the first of a duplicate wins.
	seen := map[string]*ir.Operation{}
	for _, op := range ops {
		route := op.Method + " " + templateVars.ReplaceAllString(op.Path, "{}")
		for _, q := range op.FixedQuery {
			// "/items/{id}?beta=true" is a route of its own.
			route += " " + q.Name + "=" + q.Value
		}
		if first, dup := seen[route]; dup {
			l.warn(diag.At(op.Pointer, "%s has the method and path of %s; a generated server routes the request to %s", op.Name, first.Name, first.Name))
			continue
		}
		seen[route] = op
	}
	return ops
}

// eachOperation calls fn for every operation of the paths, in path order
// and a fixed method order.
func (l *lowerer) eachOperation(fn func(path, method string, item *openapi3.PathItem, op *openapi3.Operation)) {
	if l.doc.Paths == nil {
		return
	}
	for _, path := range sortedKeys(l.doc.Paths.Map()) {
		item := l.doc.Paths.Value(path)
		for _, m := range methods {
			if op := item.GetOperation(m); op != nil {
				fn(path, m, item, op)
			}
		}
	}
}

func (l *lowerer) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation) *ir.Operation {
	ptr := diag.Pointer("", "paths", path, strings.ToLower(method))
	id := op.OperationID
	if id == "" {
		id = strings.ToLower(method) + " " + path
		l.warn(diag.At(ptr, "operation has no operationId; named %s", names.Exported(id)))
	}
	o := &ir.Operation{
		Name:       l.methods.Claim(names.Exported(id)),
		ID:         op.OperationID,
		Method:     method,
		Path:       requestPath(path),
		Route:      path,
		FixedQuery: fixedQuery(path),
		Summary:    op.Summary,
		Doc:        op.Description,
		Deprecated: op.Deprecated,
		Tags:       op.Tags,
		Pointer:    ptr,
	}
	if op.OperationID != "" {
		l.ops[op.OperationID] = o
	}
	l.opSpecs[o] = op
	l.params(o, item.Parameters, op.Parameters)
	o.Idempotency = l.idempotency(o, op)
	o.RequestType = l.names.Claim(o.Name + "Request")
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		rb := op.RequestBody.Value
		o.Body = l.body(rb.Content, diag.Pointer(ptr, "requestBody"), o.Name+"RequestBody")
		for _, b := range o.Body.Bodies() {
			if b.Kind == ir.Events {
				// Events only stream from a server: a request sends text.
				b.Kind, b.Type, b.Terminator = ir.Text, builtin("string"), ""
			}
			// A body that may be null is sent and received as a pointer.
			if b.Nullable {
				b.Type, b.Nullable = pointerTo(b.Type), false
			}
			b.Required, b.Doc = rb.Required, rb.Description
			if b.Name != "" {
				b.Method = l.methods.Claim(o.Name + "With" + b.Name)
			}
		}
		for _, b := range o.Body.Bodies() {
			if b.Kind == ir.Multipart && l.fileParts(b) && len(o.Body.Alts) == 0 {
				b.Files = true
			}
		}
		if b := o.Body; b.Kind == ir.Binary && len(b.Alts) == 0 {
			// A lone raw-bytes body streams from an io.Reader.
			b.Type, b.Stream = qualified("io", "Reader"), true
		}
		bodyFields(o.Body)
		if len(o.Body.Alts) > 0 {
			o.Sender = l.methods.Claim(names.Unexported(o.Name) + "With")
		}
	}
	o.ResponseType = l.names.Claim(o.Name + "Response")
	l.responses(o, op.Responses)
	o.Security = l.security(o, op.Security)
	return o
}

// params merges path-level and operation-level parameters (the latter win)
// and orders them path first, in template order, then query, header and
// cookie, each sorted by name.
func (l *lowerer) params(o *ir.Operation, shared, own openapi3.Parameters) {
	byKey := map[string]*openapi3.Parameter{}
	ptrs := map[string]string{}
	for i, list := range []openapi3.Parameters{shared, own} {
		base := diag.Pointer("", "paths", o.Path)
		if i == 1 {
			base = o.Pointer
		}
		for j, p := range list {
			if p == nil || p.Value == nil {
				continue
			}
			k := p.Value.In + " " + p.Value.Name
			byKey[k] = p.Value
			ptrs[k] = diag.Pointer(base, "parameters", strconv.Itoa(j))
		}
	}
	keys := sortedKeys(byKey)
	order := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	slices.SortStableFunc(keys, func(a, b string) int {
		pa, pb := byKey[a], byKey[b]
		if c := cmp.Compare(order[pa.In], order[pb.In]); c != 0 {
			return c
		}
		if pa.In == "path" {
			return cmp.Compare(strings.Index(o.Path, "{"+pa.Name+"}"), strings.Index(o.Path, "{"+pb.Name+"}"))
		}
		return 0
	})
	if len(keys) > 0 {
		o.ParamsType = l.names.Claim(o.Name + "Params")
	}
	reg := names.NewRegistry()
	for _, k := range keys {
		if p := l.param(o, byKey[k], ptrs[k], reg); p != nil {
			o.Params = append(o.Params, p)
		}
	}
}

func (l *lowerer) param(o *ir.Operation, p *openapi3.Parameter, ptr string, reg *names.Registry) *ir.Param {
	in := ir.ParamIn(p.In)
	switch in {
	case ir.InPath, ir.InQuery, ir.InHeader, ir.InCookie:
	default:
		l.fail(diag.At(ptr, "%sparameter location %q; use path, query, header or cookie", diag.Unsupported, p.In))
		return nil
	}
	if msg := tokenProblem(string(in)+" parameter", p.Name); msg != "" && in != ir.InPath && in != ir.InQuery {
		l.fail(diag.At(diag.Pointer(ptr, "name"), "%s", msg))
		return nil
	}
	if in == ir.InPath && !strings.Contains(o.Path, "{"+p.Name+"}") {
		l.warn(diag.At(ptr, "path parameter %q does not appear in the path %s; it is left out", p.Name, o.Path))
		return nil
	}
	goName := reg.Claim(names.Exported(p.Name))
	schema := p.Schema
	if schema == nil {
		for _, ct := range sortedKeys(p.Content) {
			schema = p.Content[ct].Schema
			break
		}
	}
	typ := l.goType(schema, diag.Pointer(ptr, "schema"), o.Name+goName)
	required := p.Required || in == ir.InPath
	if !required {
		typ = optional(typ)
	}
	style := p.Style
	if style == "" {
		style = map[ir.ParamIn]string{ir.InPath: "simple", ir.InQuery: "form", ir.InHeader: "simple", ir.InCookie: "form"}[in]
	}
	explode := style == "form"
	if p.Explode != nil {
		explode = *p.Explode
	}
	return &ir.Param{
		Name: p.Name, GoName: goName, In: in, Doc: p.Description, Required: required,
		Type: typ, Style: style, Explode: explode, Deprecated: p.Deprecated,
		AllowEmpty: p.AllowEmptyValue,
		Rule:       l.rule(schema, diag.Pointer(ptr, "schema")),
	}
}

// responses lowers every documented response, in status order.
func (l *lowerer) responses(o *ir.Operation, rs *openapi3.Responses) {
	if rs == nil {
		return
	}
	var keys []string
	for _, k := range rs.Keys() {
		if msg := statusProblem(k); msg != "" {
			l.fail(diag.At(diag.Pointer(o.Pointer, "responses", k), "%s", msg))
			continue
		}
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(statusRank(a), statusRank(b)) })
	for _, status := range keys {
		ref := rs.Value(status)
		if ref == nil || ref.Value == nil {
			continue
		}
		ptr := diag.Pointer(o.Pointer, "responses", status)
		r := &ir.Response{Status: strings.ToUpper(status)}
		if status == "default" {
			r.Status = status
		}
		r.Code, _ = strconv.Atoi(status)
		r.Success = r.Status[0] >= '1' && r.Status[0] <= '3'
		r.TypeName = l.names.Claim(o.Name + statusWord(r))
		if ref.Value.Description != nil {
			r.Doc = *ref.Value.Description
		}
		for ct := range ref.Value.Content {
			if !slices.Contains(o.Accept, ct) {
				o.Accept = append(o.Accept, ct)
			}
		}
		// The types the generated code prefers first, as for bodies.
		slices.SortFunc(o.Accept, func(a, b string) int {
			return cmp.Or(cmp.Compare(mediaRank(a), mediaRank(b)), cmp.Compare(a, b))
		})
		r.Body = l.body(ref.Value.Content, ptr, r.TypeName+"Body")
		if r.Body != nil && r.Body.Kind == ir.JSON && !r.Success {
			ct := ref.Value.Content[r.Body.ContentType]
			if r.ErrorShape = errorShape(&l.merge, ct.Schema, 0, 0); r.ErrorShape != nil {
				r.ShapeName = r.TypeName
				if r.Body.Type.Kind == ir.Named {
					r.ShapeName = r.Body.Type.Name
				}
			}
		}
		for _, b := range r.Body.Bodies() {
			if b.Kind == ir.Events && !r.Success {
				// An error is read whole.
				b.Kind, b.Type, b.Terminator = ir.Text, builtin("string"), ""
			}
			if b.Kind == ir.Form || b.Kind == ir.Multipart {
				// Responses in these encodings are rare; hand over the raw bytes.
				b.Kind, b.Type, b.Rule = ir.Binary, sliceOf(builtin("byte")), nil
			}
		}
		if b := r.Body; b != nil && r.Success && b.Kind == ir.Binary && len(b.Alts) == 0 {
			// A lone raw-bytes success body streams: the client hands it
			// over unread, the server copies it out.
			b.Type, b.Stream = qualified("io", "ReadCloser"), true
		}
		bodyFields(r.Body)
		hreg := names.NewRegistry("Body", "Header", "Status", "ContentType", "StatusCode", "Error", "Message")
		for _, h := range sortedKeys(ref.Value.Headers) {
			hv := ref.Value.Headers[h]
			if hv == nil || hv.Value == nil || strings.EqualFold(h, "Content-Type") {
				continue
			}
			if msg := tokenProblem("header", h); msg != "" {
				l.fail(diag.At(diag.Pointer(ptr, "headers", h), "%s", msg))
				continue
			}
			typ := l.goType(hv.Value.Schema, diag.Pointer(ptr, "headers", h, "schema"), r.TypeName+names.Exported(h))
			if !hv.Value.Required {
				typ = optional(typ)
			}
			r.Headers = append(r.Headers, &ir.Header{Name: h, GoName: hreg.Claim(names.Exported(h)), Doc: hv.Value.Description, Required: hv.Value.Required, Type: typ})
		}
		o.Responses = append(o.Responses, r)
	}
}

// statusRank orders numeric statuses first, then ranges, then default.
func statusRank(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if s == "default" {
		return 2000
	}
	return 1000 + int(s[0]-'0')
}

func statusWord(r *ir.Response) string {
	switch {
	case r.Status == "default":
		return "Default"
	case r.Code == 0:
		return "Status" + r.Status
	}
	if txt := http.StatusText(r.Code); txt != "" {
		return names.Exported(txt)
	}
	return "Status" + r.Status
}

// idempotency is the request header an operation takes an idempotency key
// in: the one x-idempotency-key names (true for "Idempotency-Key"), or a
// header parameter called Idempotency-Key; "" when it documents none.
func (l *lowerer) idempotency(o *ir.Operation, op *openapi3.Operation) string {
	if v, ok := op.Extensions["x-idempotency-key"]; ok {
		ptr := diag.Pointer(o.Pointer, "x-idempotency-key")
		switch v := v.(type) {
		case bool:
			if v {
				return "Idempotency-Key"
			}
			return ""
		case string:
			if msg := tokenProblem("header", v); msg != "" {
				l.warn(diag.At(ptr, "%s; ignored", msg))
				return ""
			}
			return v
		}
		l.warn(diag.At(ptr, "x-idempotency-key is neither a header name nor a boolean; ignored"))
		return ""
	}
	for _, p := range o.Params {
		if p.In == ir.InHeader && strings.EqualFold(p.Name, "Idempotency-Key") {
			return p.Name
		}
	}
	return ""
}
