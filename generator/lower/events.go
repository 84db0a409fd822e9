package lower

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/names"
)

// eventTypes declares the types of the bodies of webhooks (3.1) and of
// operations' callbacks: requests the API sends, not serves. Only their
// types are generated; schemas they reference by $ref are components and
// exist already.
func (l *lowerer) eventTypes() {
	for _, name := range sortedKeys(l.doc.Webhooks) {
		l.eventItem(l.doc.Webhooks[name], diag.Pointer("", "webhooks", name), names.Exported(name)+"Webhook")
	}
	l.eachOperation(func(path, method string, _ *openapi3.PathItem, op *openapi3.Operation) {
		opName := names.Exported(op.OperationID)
		for _, cb := range sortedKeys(op.Callbacks) {
			ref := op.Callbacks[cb]
			if ref == nil || ref.Value == nil {
				continue
			}
			base := diag.Pointer("", "paths", path, strings.ToLower(method), "callbacks", cb)
			for _, expr := range sortedKeys(ref.Value.Map()) {
				l.eventItem(ref.Value.Value(expr), diag.Pointer(base, expr), opName+names.Exported(cb)+"Callback")
			}
		}
	})
}

// eventItem declares the body types of every operation of a path item.
func (l *lowerer) eventItem(item *openapi3.PathItem, ptr, prefix string) {
	if item == nil {
		return
	}
	for _, m := range methods {
		op := item.GetOperation(m)
		if op == nil {
			continue
		}
		optr := diag.Pointer(ptr, strings.ToLower(m))
		if rb := op.RequestBody; rb != nil && rb.Value != nil {
			for _, ct := range sortedKeys(rb.Value.Content) {
				if mt := rb.Value.Content[ct]; mt != nil && mt.Schema != nil {
					l.goType(mt.Schema, diag.Pointer(optr, "requestBody", "content", ct, "schema"), prefix+"Body")
				}
				break
			}
		}
		if op.Responses == nil {
			continue
		}
		for _, status := range sortedKeys(op.Responses.Map()) {
			r := op.Responses.Value(status)
			if r == nil || r.Value == nil {
				continue
			}
			for _, ct := range sortedKeys(r.Value.Content) {
				if mt := r.Value.Content[ct]; mt != nil && mt.Schema != nil {
					l.goType(mt.Schema, diag.Pointer(optr, "responses", status, "content", ct, "schema"), prefix+"Response"+names.Exported(status))
				}
				break
			}
		}
	}
}
