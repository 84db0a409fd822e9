package lower

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
)

// An operation's x-pagination says how its results come in pages:
//
//	x-pagination:
//	  cursor: cursor            # the query parameter (or page: / offset:)
//	  items: /data              # JSON pointer to the items in the body
//	  next: /meta/next_cursor   # the next page's cursor (cursor style)
//	  hasMore: /meta/has_more   # whether more pages follow (optional)
//
// Without it, a GET with a cursor-like query parameter whose body has
// one array of items and a next-cursor property is paginated too, with a
// warning naming what was inferred.

var (
	cursorParams = []string{"cursor", "page_token", "pageToken", "next_token", "marker", "starting_after", "after"}
	nextProps    = []string{"next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken", "next_marker", "cursor"}
	hasMoreProps = []string{"has_more", "hasMore", "has_next", "hasNext"}
	itemProps    = []string{"data", "items", "results", "values", "entries"}
	metaProps    = []string{"meta", "pagination", "page_info", "pageInfo", "paging", "response_metadata"}
)

// pagination works out the pagination of every operation that has one,
// once the types are lowered.
func (l *lowerer) pagination(ops []*ir.Operation) {
	byName := l.typeByName
	for _, o := range ops {
		raw := l.opSpecs[o]
		if raw == nil {
			continue
		}
		ext, explicit := raw.Extensions["x-pagination"]
		body := pageBody(o, byName)
		ptr := diag.Pointer(o.Pointer, "x-pagination")
		var p *ir.Pagination
		var err error
		switch {
		case explicit && body == nil:
			err = fmt.Errorf("the operation has no single JSON object success body to page through")
		case explicit:
			p, err = paginationOf(o, ext, body, byName)
		case o.Method == "GET" && body != nil:
			if p = inferPagination(o, body, byName); p != nil {
				l.warn(diag.At(o.Pointer, "pagination inferred: the %s parameter %q, items %s, next cursor %s%s; say so with x-pagination to keep it", p.Style, p.Param.Name, jsonPath(p.Items), jsonPath(p.Next), hasMoreText(p)))
			}
		}
		if err != nil {
			l.warn(diag.At(ptr, "%v; no iterator is generated", err))
			continue
		}
		if p != nil {
			p.Method = l.methods.Claim(o.Name + "All")
			o.Pagination = p
		}
	}
}

// pageBody is the struct type of an operation's one success body, or nil.
func pageBody(o *ir.Operation, byName map[string]*ir.Type) *ir.Type {
	var body *ir.Body
	for _, r := range o.Responses {
		if !r.Success {
			continue
		}
		if body != nil || r.Body == nil || r.Body.Kind != ir.JSON || len(r.Body.Alts) > 0 || r.Body.Nullable {
			return nil
		}
		body = r.Body
	}
	if body == nil || body.Type.Kind != ir.Named {
		return nil
	}
	if t := byName[body.Type.Name]; t != nil && t.Kind == ir.Struct {
		return t
	}
	return nil
}

// paginationOf reads an x-pagination value.
func paginationOf(o *ir.Operation, ext any, body *ir.Type, byName map[string]*ir.Type) (*ir.Pagination, error) {
	m, ok := ext.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("x-pagination is not an object")
	}
	for k := range m {
		if !slices.Contains([]string{"cursor", "page", "offset", "items", "next", "hasMore"}, k) {
			return nil, fmt.Errorf("x-pagination: unknown key %q", k)
		}
	}
	p := &ir.Pagination{}
	for _, style := range []string{"cursor", "page", "offset"} {
		name, ok := m[style].(string)
		if !ok {
			continue
		}
		if p.Style != "" {
			return nil, fmt.Errorf("x-pagination names both %s and %s", p.Style, style)
		}
		p.Style, p.Param = style, findParam(o, name)
		if p.Param == nil {
			return nil, fmt.Errorf("x-pagination: the operation has no query parameter %q", name)
		}
	}
	if p.Style == "" {
		return nil, fmt.Errorf("x-pagination names no cursor, page or offset parameter")
	}
	if !paramKind(p) {
		return nil, fmt.Errorf("x-pagination: the %s parameter %q is not a %s", p.Style, p.Param.Name, map[bool]string{true: "string", false: "integer"}[p.Style == "cursor"])
	}
	var err error
	items, _ := m["items"].(string)
	if p.Items, err = fieldPath(body, items, byName); err != nil {
		return nil, fmt.Errorf("x-pagination items: %v", err)
	}
	if last := p.Items[len(p.Items)-1].Type; last.Kind != ir.Slice {
		return nil, fmt.Errorf("x-pagination items: %s is not an array", items)
	} else {
		p.Item = last.Elem
	}
	if next, ok := m["next"].(string); ok {
		if p.Next, err = fieldPath(body, next, byName); err != nil {
			return nil, fmt.Errorf("x-pagination next: %v", err)
		}
		if !stringField(p.Next[len(p.Next)-1].Type) {
			return nil, fmt.Errorf("x-pagination next: %s is not a string", next)
		}
	} else if p.Style == "cursor" {
		return nil, fmt.Errorf("x-pagination: a cursor needs next, the pointer to the next cursor")
	}
	if more, ok := m["hasMore"].(string); ok {
		if p.HasMore, err = fieldPath(body, more, byName); err != nil {
			return nil, fmt.Errorf("x-pagination hasMore: %v", err)
		}
		if !boolField(p.HasMore[len(p.HasMore)-1].Type) {
			return nil, fmt.Errorf("x-pagination hasMore: %s is not a boolean", more)
		}
	}
	return p, nil
}

// inferPagination recognises a cursor-paged operation, or returns nil.
func inferPagination(o *ir.Operation, body *ir.Type, byName map[string]*ir.Type) *ir.Pagination {
	p := &ir.Pagination{Style: "cursor"}
	for _, name := range cursorParams {
		if p.Param = findParam(o, name); p.Param != nil {
			break
		}
	}
	if p.Param == nil || !paramKind(p) {
		return nil
	}
	var arrays []*ir.Field
	for _, f := range body.Fields {
		if f.Type.Kind == ir.Slice {
			arrays = append(arrays, f)
		}
	}
	switch {
	case len(arrays) == 1:
		p.Items = arrays
	default:
		for _, name := range itemProps {
			if f := fieldNamed(body, name); f != nil && f.Type.Kind == ir.Slice {
				p.Items = []*ir.Field{f}
				break
			}
		}
	}
	if p.Items == nil {
		return nil
	}
	p.Item = p.Items[0].Type.Elem
	// The next cursor and has-more flag, in the body or one object down.
	scopes := [][]*ir.Field{nil}
	for _, name := range metaProps {
		if f := fieldNamed(body, name); f != nil && byName[f.Type.Declared()] != nil && byName[f.Type.Declared()].Kind == ir.Struct {
			scopes = append(scopes, []*ir.Field{f})
		}
	}
	for _, scope := range scopes {
		t := body
		if len(scope) > 0 {
			t = byName[scope[0].Type.Declared()]
		}
		for _, name := range nextProps {
			if f := fieldNamed(t, name); f != nil && stringField(f.Type) && p.Next == nil {
				p.Next = append(slices.Clone(scope), f)
			}
		}
		for _, name := range hasMoreProps {
			if f := fieldNamed(t, name); f != nil && boolField(f.Type) && p.HasMore == nil {
				p.HasMore = append(slices.Clone(scope), f)
			}
		}
	}
	if p.Next == nil {
		return nil
	}
	return p
}

// fieldPath resolves a JSON pointer in a struct type to the fields on the
// way.
func fieldPath(t *ir.Type, pointer string, byName map[string]*ir.Type) ([]*ir.Field, error) {
	if !strings.HasPrefix(pointer, "/") {
		return nil, fmt.Errorf("%q is not a JSON pointer such as /data", pointer)
	}
	var out []*ir.Field
	for _, name := range diag.Split(pointer) {
		if t == nil || t.Kind != ir.Struct {
			return nil, fmt.Errorf("%s: %q is not inside an object", pointer, name)
		}
		f := fieldNamed(t, name)
		if f == nil {
			return nil, fmt.Errorf("%s: the body has no property %q there", pointer, name)
		}
		out = append(out, f)
		t = byName[f.Type.Declared()]
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q names the body itself", pointer)
	}
	return out, nil
}

func fieldNamed(t *ir.Type, json string) *ir.Field {
	for _, f := range t.Fields {
		if f.JSONName == json {
			return f
		}
	}
	return nil
}

func findParam(o *ir.Operation, name string) *ir.Param {
	for _, p := range o.Params {
		if p.In == ir.InQuery && p.Name == name {
			return p
		}
	}
	return nil
}

// paramKind reports whether the page parameter has the kind its style
// needs: a string cursor, an integer page or offset.
func paramKind(p *ir.Pagination) bool {
	t := p.Param.Type
	if t.Kind == ir.Pointer {
		t = t.Elem
	}
	if t.Kind != ir.Builtin {
		return false
	}
	if p.Style == "cursor" {
		return t.Name == "string"
	}
	return strings.HasPrefix(t.Name, "int")
}

func boolField(t *ir.GoType) bool {
	if t.Kind == ir.Pointer || t.Kind == ir.NullableOf {
		t = t.Elem
	}
	return t.Kind == ir.Builtin && t.Name == "bool"
}

func jsonPath(fields []*ir.Field) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString("/" + f.JSONName)
	}
	return b.String()
}

func hasMoreText(p *ir.Pagination) string {
	if p.HasMore == nil {
		return ""
	}
	return ", has-more " + jsonPath(p.HasMore)
}
