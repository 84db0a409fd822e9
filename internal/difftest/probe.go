package difftest

import (
	"bytes"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/internal/instances"
)

// The mutations of a request body (a JSON object) and of a query.
var (
	bodyMutations  = []string{"wrong type", "drop required", "unknown key", "duplicate key", "case variant key", "invalid UTF-8", "lone surrogate", "integer written 2.0", "float64 rounding", "2^63", "undeclared media type"}
	queryMutations = []string{"repeated parameter", "semicolon in query", "wrong type parameter", "missing required parameter", "empty query value"}
)

// makeProbe makes request i of an operation: valid when i is even, else
// with a mutation that applies to it. ok is false when the generator
// cannot make one (a parameter it cannot write, a schema it cannot meet).
func makeProbe(r *rand.Rand, doc *openapi3.T, path, method string, item *openapi3.PathItem, op *openapi3.Operation, i int) (probe, bool) {
	is31 := strings.HasPrefix(doc.OpenAPI, "3.1")
	p := probe{method: method, path: path, header: map[string]string{}}
	params := map[string]*openapi3.Parameter{}
	for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, ref := range list {
			params[ref.Value.In+" "+ref.Value.Name] = ref.Value
		}
	}
	query := url.Values{}
	var single, required, integers, nonEmpty []string // query parameters by kind
	for _, key := range slices.Sorted(maps.Keys(params)) {
		prm := params[key]
		if prm.Schema == nil || prm.Schema.Value == nil {
			return p, false
		}
		if !prm.Required && r.IntN(2) == 0 {
			continue
		}
		values, ok := paramValues(r, prm.Schema.Value, is31)
		for try := 0; ok && prm.In == "query" && !prm.AllowEmptyValue && slices.Contains(values, "") && try < 8; try++ {
			// Without allowEmptyValue, a query parameter has a value.
			values, ok = paramValues(r, prm.Schema.Value, is31)
		}
		if !ok || prm.In == "query" && !prm.AllowEmptyValue && slices.Contains(values, "") {
			return p, false
		}
		switch prm.In {
		case "path":
			if values[0] == "" {
				values[0] = "x"
			}
			p.path = strings.Replace(p.path, "{"+prm.Name+"}", url.PathEscape(values[0]), 1)
		case "query":
			query[prm.Name] = values
			if len(values) == 1 && !prm.Schema.Value.Type.Is("array") {
				single = append(single, prm.Name)
			}
			if prm.Required {
				required = append(required, prm.Name)
			}
			if prm.Schema.Value.Type.Is("integer") {
				integers = append(integers, prm.Name)
			}
			if !prm.AllowEmptyValue {
				nonEmpty = append(nonEmpty, prm.Name)
			}
		case "header":
			p.header[prm.Name] = values[0]
		default:
			return p, false
		}
	}
	if !credentials(doc, op, &p, query) {
		return p, false
	}
	var body map[string]any
	var schema *openapi3.Schema
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		mt := rb.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil {
			return p, false
		}
		schema = mt.Schema.Value
		got, _ := instances.Of(r, schema, 1, is31)
		if len(got) == 0 {
			return p, false
		}
		p.body, p.ct = got[0], "application/json"
		_ = json.Unmarshal(got[0], &body)
	}
	if i%2 == 1 {
		var applicable []string
		if body != nil {
			applicable = append(applicable, bodyMutations...)
		}
		if len(query) > 0 {
			applicable = append(applicable, queryMutations...)
		}
		if len(applicable) == 0 {
			return p, false
		}
		p.mutation = applicable[r.IntN(len(applicable))]
		if !mutate(r, &p, body, schema, query, single, required, integers, nonEmpty) {
			return p, false
		}
	}
	p.query = encodeQuery(query, p.mutation)
	return p, true
}

// paramValues are the values of a parameter written as form, explode
// true writes them: one, or one per item of an array of scalars.
func paramValues(r *rand.Rand, s *openapi3.Schema, is31 bool) ([]string, bool) {
	got, _ := instances.Of(r, s, 1, is31)
	if len(got) == 0 {
		return nil, false
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(got[0]))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil, false
	}
	items, isArray := v.([]any)
	if !isArray {
		items = []any{v}
	}
	var out []string
	for _, it := range items {
		switch x := it.(type) {
		case string:
			out = append(out, x)
		case json.Number:
			out = append(out, x.String())
		case bool:
			out = append(out, map[bool]string{true: "true", false: "false"}[x])
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// mutate applies p.mutation; false when it does not apply to this request.
func mutate(r *rand.Rand, p *probe, body map[string]any, schema *openapi3.Schema, query map[string][]string, single, required, integers, nonEmpty []string) bool {
	pick := func(keys []string) (string, bool) {
		if len(keys) == 0 {
			return "", false
		}
		return keys[r.IntN(len(keys))], true
	}
	props := func(typ string) []string {
		var out []string
		for _, k := range slices.Sorted(maps.Keys(body)) {
			if ps := schema.Properties[k]; ps != nil && ps.Value != nil && (typ == "" || ps.Value.Type.Is(typ)) && len(ps.Value.Type.Slice()) == 1 {
				out = append(out, k)
			}
		}
		return out
	}
	const mark = "\"zzMARKzz\""
	withRaw := func(k, raw string) bool {
		body[k] = "zzMARKzz"
		data, _ := json.Marshal(body)
		p.body = bytes.Replace(data, []byte(mark), []byte(raw), 1)
		return true
	}
	encode := func() bool {
		p.body, _ = json.Marshal(body)
		return true
	}
	switch p.mutation {
	case "wrong type":
		k, ok := pick(props(""))
		if !ok {
			return false
		}
		if schema.Properties[k].Value.Type.Is("string") {
			body[k] = 12345
		} else {
			body[k] = "zz"
		}
		return encode()
	case "drop required":
		k, ok := pick(schema.Required)
		if !ok {
			return false
		}
		delete(body, k)
		return encode()
	case "unknown key":
		body["zz_unknown"] = 1
		return encode()
	case "duplicate key":
		k, ok := pick(slices.Sorted(maps.Keys(body)))
		if !ok {
			return false
		}
		data, _ := json.Marshal(body)
		again, _ := json.Marshal(map[string]any{k: body[k]})
		p.body = append(append(data[:len(data)-1:len(data)-1], ','), again[1:]...)
		return true
	case "case variant key":
		k, ok := pick(slices.Sorted(maps.Keys(body)))
		if !ok || strings.ToUpper(k) == k {
			return false
		}
		body[strings.ToUpper(k)] = body[k]
		return encode()
	case "invalid UTF-8":
		k, ok := pick(props("string"))
		return ok && withRaw(k, "\"E\xffR\"")
	case "lone surrogate":
		k, ok := pick(props("string"))
		return ok && withRaw(k, `"E\ud800R"`)
	case "integer written 2.0":
		k, ok := pick(props("integer"))
		if !ok {
			return false
		}
		n, _ := body[k].(float64)
		return withRaw(k, strconv.FormatFloat(n, 'f', -1, 64)+".0")
	case "float64 rounding":
		k, ok := pick(props("integer"))
		return ok && withRaw(k, "1.0000000000000001")
	case "2^63":
		k, ok := pick(props("integer"))
		return ok && withRaw(k, "9223372036854775808")
	case "undeclared media type":
		p.ct = "application/merge-patch+json"
		return true
	case "repeated parameter":
		k, ok := pick(single)
		if !ok {
			return false
		}
		query[k] = append(query[k], query[k][0])
		return true
	case "semicolon in query":
		return true
	case "wrong type parameter":
		k, ok := pick(integers)
		if !ok {
			return false
		}
		query[k] = []string{"zz"}
		return true
	case "empty query value":
		k, ok := pick(nonEmpty)
		if !ok {
			return false
		}
		query[k] = []string{""}
		return true
	case "missing required parameter":
		k, ok := pick(required)
		if !ok {
			return false
		}
		delete(query, k)
		return true
	}
	return false
}

// encodeQuery writes a query, with a ";" when the mutation asks for one.
func encodeQuery(q url.Values, mutation string) string {
	s := q.Encode()
	if mutation == "semicolon in query" {
		if s != "" {
			s += ";"
		}
		s += "zz=1"
	}
	return s
}

// credentials adds to p what the first security requirement of op asks
// for; false when it names a scheme the probe cannot meet (mutual TLS).
func credentials(doc *openapi3.T, op *openapi3.Operation, p *probe, query url.Values) bool {
	reqs := doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	if len(reqs) == 0 {
		return true
	}
	for _, name := range slices.Sorted(maps.Keys(reqs[0])) {
		ref := doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			return false
		}
		s := ref.Value
		switch {
		case s.Type == "http" && strings.EqualFold(s.Scheme, "basic"):
			p.header["Authorization"] = "Basic dXNlcjpwYXNz"
		case s.Type == "http":
			p.header["Authorization"] = s.Scheme + " token"
		case s.Type == "oauth2" || s.Type == "openIdConnect":
			p.header["Authorization"] = "Bearer token"
		case s.Type == "apiKey" && s.In == "header":
			p.header[s.Name] = "key"
		case s.Type == "apiKey" && s.In == "query":
			query.Set(s.Name, "key")
		case s.Type == "apiKey" && s.In == "cookie":
			p.header["Cookie"] = s.Name + "=key"
		default:
			return false
		}
	}
	return true
}
