// Package lower turns a loaded OpenAPI document into the generator's
// intermediate representation. It is the only stage that reads
// kin-openapi's model, and the only place Go names are chosen.
//
// Names are claimed in a fixed order so that output never depends on map
// iteration: the reserved helper names, then component schemas sorted by
// key, then operations sorted by path and method with everything inline
// they contain, then security schemes.
package lower

import (
	"cmp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/generator/names"
)

// lowerer holds the state of one lowering run.
type lowerer struct {
	doc *openapi3.T
	// loc reads numbers as the spec spells them, beyond float64.
	loc   *diag.Locator
	names *names.Registry
	// methods names the operations: methods of Client and Server, a scope
	// of their own.
	methods *names.Registry
	types   []*ir.Type
	// typeByName finds a type of types by its name.
	typeByName map[string]*ir.Type
	bySchema   map[*openapi3.Schema]*ir.GoType
	// lowering holds the inline schemas without a declaration whose Go
	// type is being worked out (see undeclared).
	lowering map[*openapi3.Schema]*ir.Type
	// merge merges allOf parts, keeping what it makes of clashing
	// properties.
	merge merger
	// typeSchema is the schema each named type was declared from.
	typeSchema map[string]*openapi3.Schema
	support    map[string]bool
	schemes    map[string]*ir.SecurityScheme
	ops        map[string]*ir.Operation // by operationId
	// opSpecs are the operations' descriptions, for passes after lowering.
	opSpecs map[*ir.Operation]*openapi3.Operation
	// messageHints are the x-error-message values of the types' schemas.
	messageHints map[*ir.Type]any
	warnings     []*diag.Diagnostic
	errs         []*diag.Diagnostic
}

// Lower converts spec to an API. Diagnostics carry JSON pointers; the
// returned ones have file and line resolved through spec.Locator. The error,
// when not nil, lists every problem that prevents generation.
func Lower(spec *load.Spec) (*ir.API, []*diag.Diagnostic, error) {
	l := &lowerer{
		doc:          spec.Doc,
		loc:          spec.Locator,
		names:        names.NewRegistry(ir.Reserved...),
		methods:      names.NewRegistry(),
		bySchema:     map[*openapi3.Schema]*ir.GoType{},
		lowering:     map[*openapi3.Schema]*ir.Type{},
		typeSchema:   map[string]*openapi3.Schema{},
		support:      map[string]bool{},
		schemes:      map[string]*ir.SecurityScheme{},
		ops:          map[string]*ir.Operation{},
		messageHints: map[*ir.Type]any{},
		typeByName:   map[string]*ir.Type{},
		opSpecs:      map[*ir.Operation]*openapi3.Operation{},
	}
	api := l.api()
	for _, d := range l.warnings {
		spec.Locator.Resolve(d)
	}
	if len(l.errs) > 0 {
		for _, d := range l.errs {
			spec.Locator.Resolve(d)
		}
		slices.SortStableFunc(l.errs, func(a, b *diag.Diagnostic) int { return cmp.Compare(a.Line, b.Line) })
		return nil, l.warnings, &Errors{List: l.errs}
	}
	return api, l.warnings, nil
}

// Errors is every problem found while lowering.
type Errors struct{ List []*diag.Diagnostic }

func (e *Errors) Error() string {
	msgs := make([]string, len(e.List))
	for i, d := range e.List {
		msgs[i] = d.Error()
	}
	return strings.Join(msgs, "\n")
}

func (l *lowerer) warn(d *diag.Diagnostic) { l.warnings = append(l.warnings, d) }
func (l *lowerer) fail(d *diag.Diagnostic) { l.errs = append(l.errs, d) }

func (l *lowerer) api() *ir.API {
	api := &ir.API{IntegersByValue: strings.HasPrefix(l.doc.OpenAPI, "3.1")}
	if info := l.doc.Info; info != nil {
		api.Title, api.Version, api.Description = info.Title, info.Version, info.Description
	}
	if l.checkSchemas() {
		return api // lowering them would cost time and memory quadratic in the depth
	}
	l.components()
	l.securitySchemes()
	api.Operations = l.operations()
	api.DefaultErrorShape = defaultErrorShape(api.Operations)
	l.eventTypes()
	api.Servers = l.servers()
	for _, s := range l.schemes {
		api.Schemes = append(api.Schemes, s)
	}
	slices.SortFunc(api.Schemes, func(a, b *ir.SecurityScheme) int { return cmp.Compare(a.GoName, b.GoName) })
	l.tokenFlows()
	l.typeRules()
	l.messages()
	l.pagination(api.Operations)
	slices.SortFunc(l.types, func(a, b *ir.Type) int { return cmp.Compare(a.Name, b.Name) })
	breakCycles(l.types)
	l.checkAliasCycles(l.types)
	api.Types = l.types
	for s := range l.support {
		api.Support = append(api.Support, s)
	}
	slices.Sort(api.Support)
	return api
}

func (l *lowerer) servers() []*ir.Server {
	var out []*ir.Server
	reg := names.NewRegistry()
	for i, s := range l.doc.Servers {
		name := "Server"
		if s.Description != "" {
			name += names.Exported(s.Description)
		} else if i > 0 {
			name += names.Exported(s.URL)
		}
		srv := &ir.Server{Name: l.names.Claim(reg.Claim(name) + "URL"), URL: s.URL, Description: s.Description}
		keys := sortedKeys(s.Variables)
		for _, k := range keys {
			v := s.Variables[k]
			srv.Variables = append(srv.Variables, &ir.ServerVariable{Name: k, Default: v.Default, Enum: v.Enum, Description: v.Description})
		}
		out = append(out, srv)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
