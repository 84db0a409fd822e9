package compat

import (
	"fmt"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
)

// kindNames names the kinds of type in what a change says.
var kindNames = map[ir.TypeKind]string{ir.Struct: "struct", ir.Enum: "enum", ir.Alias: "defined type", ir.Union: "union"}

// renames finds the named types of the old package the new one declares
// under another name: the schema at the same place (an inline schema
// named after a renamed operation), or else the one new type with the
// same shape as the one gone type of that shape (a schema renamed).
func (d *differ) renames() {
	oldByName := map[string]*ir.Type{}
	for _, t := range d.old.Types {
		oldByName[t.Name] = t
	}
	newByName := map[string]*ir.Type{}
	newByPointer := map[string]*ir.Type{}
	for _, t := range d.new.Types {
		newByName[t.Name] = t
		if t.Pointer != "" {
			newByPointer[unnamed(t.Pointer)] = t
		}
	}
	taken := map[string]bool{}
	var gone []*ir.Type
	for _, o := range d.old.Types {
		if newByName[o.Name] != nil {
			continue
		}
		if r := newByPointer[unnamed(o.Pointer)]; o.Pointer != "" && r != nil && oldByName[r.Name] == nil && !taken[r.Name] {
			d.renamed[o.Name] = r.Name
			taken[r.Name] = true
			continue
		}
		gone = append(gone, o)
	}
	// Only component schemas: two inline schemas of the same shape in
	// other places are more likely two schemas than one renamed.
	shapes := map[string][]*ir.Type{}
	for _, n := range d.new.Types {
		if !taken[n.Name] && oldByName[n.Name] == nil && isComponent(n) {
			shapes[shape(n)] = append(shapes[shape(n)], n)
		}
	}
	goneShapes := map[string]int{}
	for _, o := range gone {
		goneShapes[shape(o)]++
	}
	for _, o := range gone {
		if c := shapes[shape(o)]; isComponent(o) && len(c) == 1 && goneShapes[shape(o)] == 1 {
			d.renamed[o.Name] = c[0].Name
		}
	}
}

func (d *differ) types() {
	newByName := map[string]*ir.Type{}
	for _, t := range d.new.Types {
		newByName[t.Name] = t
	}
	matched := map[string]bool{}
	for _, o := range d.old.Types {
		n := newByName[o.Name]
		if to := d.renamed[o.Name]; to != "" {
			n = newByName[to]
			d.add(true, "type "+o.Name, n.Pointer, "renamed to %s", n.Name)
		}
		if n == nil {
			d.add(true, "type "+o.Name, o.Pointer, "removed")
			continue
		}
		matched[n.Name] = true
		d.typ(o, n)
	}
	for _, n := range d.new.Types {
		if !matched[n.Name] {
			d.add(false, "type "+n.Name, n.Pointer, "new %s", kindNames[n.Kind])
		}
	}
}

// typ compares one named type of both versions.
func (d *differ) typ(o, n *ir.Type) {
	if o.Kind != n.Kind {
		d.add(true, "type "+n.Name, n.Pointer, "now a %s, was a %s", kindNames[n.Kind], kindNames[o.Kind])
		return
	}
	if (o.Kind == ir.Alias || o.Kind == ir.Enum) && !d.same(o.Underlying, n.Underlying) {
		d.add(true, "type "+n.Name, n.Pointer, "underlying %s", typeChange(o.Underlying, n.Underlying))
	}
	if o.Kind == ir.Alias && o.IsAlias != n.IsAlias {
		word := "a defined type"
		if n.IsAlias {
			word = "an alias"
		}
		d.add(true, "type "+n.Name, n.Pointer, "now %s of %s", word, spell(n.Underlying))
	}
	d.constraints(o, n)
	switch o.Kind {
	case ir.Struct:
		d.fields(o, n)
	case ir.Enum:
		d.values(o, n)
	case ir.Union:
		d.variants(o, n)
	}
}

func (d *differ) fields(o, n *ir.Type) {
	news := map[string]*ir.Field{}
	for _, f := range n.Fields {
		news[f.JSONName] = f
	}
	olds := map[string]*ir.Field{}
	for _, f := range o.Fields {
		olds[f.JSONName] = f
	}
	request, response := d.inRequests[n.Name] || d.inRequests[o.Name], d.inResponses[n.Name] || d.inResponses[o.Name]
	// One property gone and one new of the same type is a renamed one.
	var gone, added []*ir.Field
	for _, f := range o.Fields {
		if news[f.JSONName] == nil {
			gone = append(gone, f)
		}
	}
	for _, f := range n.Fields {
		if olds[f.JSONName] == nil {
			added = append(added, f)
		}
	}
	renamed := len(gone) == 1 && len(added) == 1 && d.same(gone[0].Type, added[0].Type)
	if renamed {
		f, nf := gone[0], added[0]
		d.add(true, o.Name+"."+f.Name, pointerTo(n.Pointer, "properties", nf.JSONName), "renamed to %s.%s (property %q is now %q)", n.Name, nf.Name, f.JSONName, nf.JSONName)
	}
	for _, f := range o.Fields {
		nf := news[f.JSONName]
		if nf == nil && renamed {
			continue
		}
		if nf == nil {
			why := "property %q removed"
			if f.Required && response && !f.WriteOnly {
				why += ": deployed clients expect it in responses"
			}
			d.add(true, o.Name+"."+f.Name, pointerTo(o.Pointer, "properties", f.JSONName), why, f.JSONName)
			continue
		}
		ident, ptr := n.Name+"."+nf.Name, pointerTo(n.Pointer, "properties", f.JSONName)
		if f.Name != nf.Name {
			d.add(true, o.Name+"."+f.Name, ptr, "renamed to %s", ident)
		}
		typed := ""
		if !d.same(f.Type, nf.Type) {
			typed = " (" + typeChange(f.Type, nf.Type) + ")"
		}
		switch {
		case !f.Required && nf.Required && request && !nf.ReadOnly:
			d.add(true, ident, ptr, "property %q is now required%s: deployed clients may not send it", f.JSONName, typed)
		case f.Required && !nf.Required && response && !f.WriteOnly:
			d.add(true, ident, ptr, "property %q is no longer required%s: deployed clients may expect it", f.JSONName, typed)
		case f.Required != nf.Required:
			d.add(typed != "", ident, ptr, "property %q is now %s%s", f.JSONName, requiredWord(nf.Required), typed)
		case typed != "":
			d.add(true, ident, ptr, "%s", typeChange(f.Type, nf.Type))
		}
	}
	for _, nf := range n.Fields {
		if olds[nf.JSONName] != nil || renamed {
			continue
		}
		ident, ptr := n.Name+"."+nf.Name, pointerTo(n.Pointer, "properties", nf.JSONName)
		if nf.Required && request && !nf.ReadOnly {
			d.add(true, ident, ptr, "new required property %q: deployed clients do not send it", nf.JSONName)
		} else {
			d.add(false, ident, ptr, "new %s property %q", requiredWord(nf.Required), nf.JSONName)
		}
	}
	switch {
	case o.Extra != nil && n.Extra == nil:
		d.add(true, o.Name+"."+o.ExtraField, o.Pointer, "other properties are no longer allowed")
	case o.Extra != nil && !d.same(o.Extra, n.Extra):
		d.add(true, n.Name+"."+n.ExtraField, n.Pointer, "other properties: %s", typeChange(o.Extra, n.Extra))
	}
}

// isComponent reports whether a type is a schema of the components.
func isComponent(t *ir.Type) bool {
	return strings.HasPrefix(t.Pointer, "/components/schemas/") && strings.Count(t.Pointer, "/") == 3
}

// shape spells what a type declares, names of its own aside: its kind,
// underlying type, fields, values and alternatives.
func shape(t *ir.Type) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s %v|", t.Kind, spell(t.Underlying), t.IsAlias)
	for _, f := range t.Fields {
		fmt.Fprintf(&b, "%s %s %s %v|", f.Name, f.JSONName, spell(f.Type), f.Required)
	}
	for _, v := range t.Values {
		fmt.Fprintf(&b, "%s|", valueKey(v.Value))
	}
	for _, v := range t.Variants {
		fmt.Fprintf(&b, "%s %s|", v.Name, spell(v.Type))
	}
	if t.Extra != nil {
		b.WriteString(spell(t.Extra))
	}
	return b.String()
}

func requiredWord(required bool) string {
	if required {
		return "required"
	}
	return "optional"
}

// valueKey spells an enum value with its Go type, so that 1 and "1" differ.
func valueKey(v any) string {
	return fmt.Sprintf("%T %v", v, v)
}

func (d *differ) values(o, n *ir.Type) {
	news := map[string]*ir.EnumValue{}
	for _, v := range n.Values {
		news[valueKey(v.Value)] = v
	}
	olds := map[string]bool{}
	request := d.inRequests[n.Name] || d.inRequests[o.Name]
	response := d.inResponses[n.Name] || d.inResponses[o.Name]
	ptr := pointerTo(n.Pointer, "enum")
	for _, v := range o.Values {
		olds[valueKey(v.Value)] = true
		nv := news[valueKey(v.Value)]
		switch {
		case nv == nil:
			why := "enum value %s removed"
			if request {
				why += ": deployed clients may send it"
			}
			d.add(true, v.Name, pointerTo(o.Pointer, "enum"), why, literal(v.Value))
		case v.Name != nv.Name:
			d.add(true, v.Name, ptr, "renamed to %s", nv.Name)
		}
	}
	for _, nv := range n.Values {
		if olds[valueKey(nv.Value)] {
			continue
		}
		why := "new enum value %s"
		if response {
			why += "; a client built on the old package keeps it as a value it does not know"
		}
		d.add(false, nv.Name, ptr, why, literal(nv.Value))
	}
}

// literal spells an enum value as JSON would.
func literal(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

func (d *differ) variants(o, n *ir.Type) {
	news := map[string]*ir.Variant{}
	for _, v := range n.Variants {
		news[v.Name] = v
	}
	olds := map[string]bool{}
	for _, v := range o.Variants {
		olds[v.Name] = true
	}
	for _, v := range o.Variants {
		nv := news[v.Name]
		if nv == nil {
			// The alternative of a renamed type, under the type's new name.
			for _, c := range n.Variants {
				if !olds[c.Name] && d.same(v.Type, c.Type) {
					d.add(true, o.Name+"."+v.Name, n.Pointer, "renamed to %s.%s", n.Name, c.Name)
					olds[c.Name] = true
					nv = c
					break
				}
			}
			if nv != nil {
				continue
			}
		}
		switch {
		case nv == nil:
			d.add(true, o.Name+"."+v.Name, o.Pointer, "alternative %s removed", spell(v.Type))
		case !d.same(v.Type, nv.Type):
			d.add(true, n.Name+"."+v.Name, n.Pointer, "alternative %s", typeChange(v.Type, nv.Type))
		}
	}
	for _, nv := range n.Variants {
		if !olds[nv.Name] {
			d.add(false, n.Name+"."+nv.Name, n.Pointer, "new alternative %s", spell(nv.Type))
		}
	}
}
