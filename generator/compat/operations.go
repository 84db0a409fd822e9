package compat

import (
	"slices"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
)

// unnamed is a path (or a pointer into paths) with the names of its path
// parameters left out: they do not change the route.
func unnamed(path string) string {
	for _, v := range ir.PathVars(path) {
		path = strings.Replace(path, "{"+v+"}", "{}", 1)
	}
	return path
}

// route is an operation's method and path, parameters unnamed, with the
// fixed query its path key carries.
func route(op *ir.Operation) string {
	return op.Method + " " + unnamed(op.Path) + fixedQuery(op)
}

// where is an operation's method and path as a change names them.
func where(op *ir.Operation) string {
	return op.Method + " " + op.Path + fixedQuery(op)
}

func fixedQuery(op *ir.Operation) string {
	q := ""
	for i, p := range op.FixedQuery {
		q += string("?&"[min(i, 1)]) + p.Name + "=" + p.Value
	}
	return q
}

func (d *differ) operations() {
	oldByName := map[string]*ir.Operation{}
	for _, op := range d.old.Operations {
		oldByName[op.Name] = op
	}
	newByName := map[string]*ir.Operation{}
	newByRoute := map[string]*ir.Operation{}
	newRoutes, oldRoutes := map[string]int{}, map[string]int{}
	for _, op := range d.new.Operations {
		newByName[op.Name] = op
		newByRoute[route(op)] = op
		newRoutes[route(op)]++
	}
	for _, op := range d.old.Operations {
		oldRoutes[route(op)]++
	}
	matched := map[string]bool{}
	for _, o := range d.old.Operations {
		n := newByName[o.Name]
		if n == nil {
			// The same route under a new name is a rename: the method of
			// the old name is gone, the rest compares as one operation.
			// Not when several operations share the route (path keys that
			// differ only in a fragment).
			if r := newByRoute[route(o)]; r != nil && oldByName[r.Name] == nil && newRoutes[route(o)] == 1 && oldRoutes[route(o)] == 1 {
				d.add(true, "Client."+o.Name, r.Pointer, "renamed to Client.%s (the operationId of %s changed)", r.Name, where(o))
				matched[r.Name] = true
				d.operation(o, r)
				continue
			}
			d.add(true, "Client."+o.Name, o.Pointer, "operation %s removed", where(o))
			continue
		}
		matched[n.Name] = true
		d.operation(o, n)
	}
	for _, n := range d.new.Operations {
		if !matched[n.Name] {
			d.add(false, "Client."+n.Name, n.Pointer, "new operation %s", where(n))
		}
	}
}

// operation compares one operation of both versions.
func (d *differ) operation(o, n *ir.Operation) {
	ident := "Client." + n.Name
	if route(o) != route(n) {
		d.add(true, ident, n.Pointer, "now %s, was %s: deployed clients call the old route", where(n), where(o))
	}
	if o.ParamsType != "" && n.ParamsType != "" && o.ParamsType != n.ParamsType {
		d.add(true, "type "+o.ParamsType, n.Pointer, "renamed to %s", n.ParamsType)
	}
	d.params(o, n)
	d.requestBody(o, n)
	d.responses(o, n)
	d.security(o, n)
}

// paramKey identifies a parameter of op: where it travels and its name (a
// header's in any case); a path parameter by its place in the path, since
// its name does not travel.
func paramKey(op *ir.Operation, p *ir.Param) string {
	switch p.In {
	case ir.InHeader:
		return string(p.In) + " " + strings.ToLower(p.Name)
	case ir.InPath:
		if i := slices.Index(ir.PathVars(op.Path), p.Name); i >= 0 {
			return string(p.In) + " #" + strconv.Itoa(i)
		}
	}
	return string(p.In) + " " + p.Name
}

func (d *differ) params(o, n *ir.Operation) {
	news := map[string]*ir.Param{}
	for _, p := range n.Params {
		news[paramKey(n, p)] = p
	}
	olds := map[string]bool{}
	ptr := pointerTo(n.Pointer, "parameters")
	for _, p := range o.Params {
		olds[paramKey(o, p)] = true
		np := news[paramKey(o, p)]
		if np == nil {
			d.add(true, o.ParamsType+"."+p.GoName, pointerTo(o.Pointer, "parameters"), "%s parameter %q removed", p.In, p.Name)
			continue
		}
		ident := n.ParamsType + "." + np.GoName
		if p.GoName != np.GoName {
			d.add(true, o.ParamsType+"."+p.GoName, ptr, "renamed to %s", ident)
		} else if o.ParamsType != n.ParamsType {
			ident = o.ParamsType + "." + p.GoName
		}
		typed := ""
		if !d.same(p.Type, np.Type) {
			typed = " (" + typeChange(p.Type, np.Type) + ")"
		}
		switch {
		case !p.Required && np.Required:
			d.add(true, ident, ptr, "%s parameter %q is now required%s: deployed clients may not send it", np.In, np.Name, typed)
		case p.Required && !np.Required:
			d.add(typed != "", ident, ptr, "%s parameter %q is no longer required%s", np.In, np.Name, typed)
		case typed != "":
			d.add(true, ident, ptr, "%s parameter %q: %s", np.In, np.Name, typeChange(p.Type, np.Type))
		}
		d.ruleNarrowing(ident, ptr, p.Rule, np.Rule)
	}
	for _, np := range n.Params {
		if olds[paramKey(n, np)] {
			continue
		}
		ident := n.ParamsType + "." + np.GoName
		if np.Required {
			d.add(true, ident, ptr, "new required %s parameter %q: deployed clients do not send it", np.In, np.Name)
		} else {
			d.add(false, ident, ptr, "new optional %s parameter %q", np.In, np.Name)
		}
	}
}

func (d *differ) requestBody(o, n *ir.Operation) {
	ident := "Client." + n.Name
	ptr := pointerTo(n.Pointer, "requestBody")
	ob, nb := o.Body, n.Body
	switch {
	case ob == nil && nb == nil:
		return
	case ob == nil:
		if nb.Required {
			d.add(true, ident, ptr, "new required request body: deployed clients do not send it")
		} else {
			d.add(false, ident, ptr, "new optional request body")
		}
		return
	case nb == nil:
		d.add(true, ident, pointerTo(o.Pointer, "requestBody"), "request body removed")
		return
	}
	if !d.same(ob.Type, nb.Type) {
		d.add(true, ident, ptr, "request body %s", typeChange(ob.Type, nb.Type))
	}
	if !ob.Required && nb.Required {
		d.add(true, ident, ptr, "the request body is now required: deployed clients may not send it")
	}
	d.mediaTypes(ident, ptr, "request", ob, nb)
}

// mediaTypes compares the media types of a body: one that is gone breaks
// whoever sends or expects it.
func (d *differ) mediaTypes(ident, ptr, what string, ob, nb *ir.Body) {
	var olds, news []string
	for _, b := range ob.Bodies() {
		olds = append(olds, b.ContentType)
	}
	for _, b := range nb.Bodies() {
		news = append(news, b.ContentType)
	}
	for _, ct := range olds {
		if !slices.Contains(news, ct) {
			d.add(true, ident, ptr, "%s media type %s removed", what, ct)
		}
	}
	for _, ct := range news {
		if !slices.Contains(olds, ct) {
			d.add(false, ident, ptr, "new %s media type %s", what, ct)
		}
	}
}

func (d *differ) responses(o, n *ir.Operation) {
	news := map[string]*ir.Response{}
	for _, r := range n.Responses {
		news[r.Status] = r
	}
	olds := map[string]bool{}
	for _, r := range o.Responses {
		olds[r.Status] = true
		nr := news[r.Status]
		if nr == nil {
			why := "the %s response of Client.%s removed"
			if r.Success {
				why += ": deployed clients that expect it fail"
			}
			d.add(true, "type "+r.TypeName, pointerTo(o.Pointer, "responses", r.Status), why, r.Status, n.Name)
			continue
		}
		ptr := pointerTo(n.Pointer, "responses", r.Status)
		if r.TypeName != nr.TypeName {
			d.add(true, "type "+r.TypeName, ptr, "renamed to %s", nr.TypeName)
		}
		ident := nr.TypeName + ".Body"
		switch {
		case r.Body == nil && nr.Body != nil:
			d.add(false, ident, ptr, "new response body")
		case r.Body != nil && nr.Body == nil:
			d.add(true, ident, ptr, "response body removed")
		case r.Body != nil:
			if !d.same(r.Body.Type, nr.Body.Type) {
				d.add(true, ident, ptr, "%s", typeChange(r.Body.Type, nr.Body.Type))
			}
			d.mediaTypes(ident, ptr, "response", r.Body, nr.Body)
		}
		d.headers(r, nr, ptr)
	}
	for _, nr := range n.Responses {
		if !olds[nr.Status] {
			d.add(false, "type "+nr.TypeName, pointerTo(n.Pointer, "responses", nr.Status), "new %s response of Client.%s", nr.Status, n.Name)
		}
	}
}

func (d *differ) headers(r, nr *ir.Response, ptr string) {
	news := map[string]*ir.Header{}
	for _, h := range nr.Headers {
		news[strings.ToLower(h.Name)] = h
	}
	for _, h := range r.Headers {
		nh := news[strings.ToLower(h.Name)]
		ident := r.TypeName + "." + h.GoName
		switch {
		case nh == nil:
			d.add(true, ident, ptr, "response header %s removed", h.Name)
		case h.GoName != nh.GoName:
			d.add(true, ident, ptr, "renamed to %s.%s", nr.TypeName, nh.GoName)
		case !d.same(h.Type, nh.Type):
			d.add(true, ident, ptr, "response header %s: %s", h.Name, typeChange(h.Type, nh.Type))
		}
	}
}

// security compares the credentials an operation takes: breaking when a
// way of calling it that worked is no longer one.
func (d *differ) security(o, n *ir.Operation) {
	olds, news := alternatives(o.Security), alternatives(n.Security)
	if slices.Equal(olds, news) {
		return
	}
	breaking := false
	for _, alt := range olds {
		if !slices.Contains(news, alt) {
			breaking = true
		}
	}
	d.add(breaking, "Client."+n.Name, pointerTo(n.Pointer, "security"), "security is now %s, was %s", strings.Join(news, " or "), strings.Join(olds, " or "))
}

// alternatives spells each alternative of a security requirement, sorted:
// "none" for no credentials, else the schemes (with scopes) joined by "+".
func alternatives(sec [][]*ir.SecurityUse) []string {
	if sec == nil {
		return []string{"none"}
	}
	var out []string
	for _, alt := range sec {
		var uses []string
		for _, u := range alt {
			s := u.Scheme.Name
			if len(u.Scopes) > 0 {
				scopes := slices.Clone(u.Scopes)
				slices.Sort(scopes)
				s += "[" + strings.Join(scopes, ",") + "]"
			}
			uses = append(uses, s)
		}
		slices.Sort(uses)
		if len(uses) == 0 {
			out = append(out, "none")
		} else {
			out = append(out, strings.Join(uses, "+"))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
