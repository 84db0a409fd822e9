package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// operationInfos emits the oasrt.Endpoint of each operation: its
// OperationInfo, which the client's requests and the server's routed
// requests carry, and what the client's requests share (name, security,
// Accept, idempotency key header).
func (e *emitter) operationInfos(f *jen.File) {
	if len(e.api.Operations) == 0 {
		return
	}
	defs := make([]jen.Code, 0, len(e.api.Operations))
	for _, op := range e.api.Operations {
		fields := []jen.Code{
			jen.Id("Info").Op(":").Id(ir.NameOperationInfo).Values(jen.Id("ID").Op(":").Lit(op.ID), jen.Id("Method").Op(":").Lit(op.Method), jen.Id("Route").Op(":").Lit(op.Route)),
			jen.Id("Op").Op(":").Lit(op.Name),
		}
		if len(op.Security) > 0 {
			fields = append(fields, jen.Id("Security").Op(":").Id(e.securityVar(op)))
		}
		if len(op.Accept) > 0 {
			fields = append(fields, jen.Id("Accept").Op(":").Lit(strings.Join(op.Accept, ", ")))
		}
		if op.Idempotency != "" {
			fields = append(fields, jen.Id("Idempotency").Op(":").Lit(op.Idempotency))
		}
		defs = append(defs, jen.Id(opVar(op)).Op("=").Add(rt("Endpoint")).Values(fields...))
	}
	f.Add(commentLine("The operations: each one's " + ir.NameOperationInfo + ", as " + ir.NameOperationFrom + " reports it, and what its requests share."))
	f.Var().Defs(defs...)
	// The security requirements, each once: a package variable is data,
	// where a literal at each use would be code (issue 24).
	var reqs []jen.Code
	for i, sec := range e.securityRequirements() {
		reqs = append(reqs, jen.Id(securityName(i)).Op("=").Add(securityLit(sec)))
	}
	if len(reqs) > 0 {
		f.Add(commentLine("The security requirements of the operations: alternatives, each the schemes it needs."))
		f.Var().Defs(reqs...)
	}
}

// securityRequirements lists the distinct security requirements of the
// operations, in the order they first appear, and indexes them by key.
func (e *emitter) securityRequirements() [][][]*ir.SecurityUse {
	if e.security == nil {
		e.security = map[string]int{}
		for _, op := range e.api.Operations {
			if k := securityKey(op.Security); len(op.Security) > 0 {
				if _, ok := e.security[k]; !ok {
					e.security[k] = len(e.securityOrder)
					e.securityOrder = append(e.securityOrder, op.Security)
				}
			}
		}
	}
	return e.securityOrder
}

// securityVar is the package variable holding the security requirement
// of op (see operationInfos), which has one.
func (e *emitter) securityVar(op *ir.Operation) string {
	e.securityRequirements()
	return securityName(e.security[securityKey(op.Security)])
}

func securityName(i int) string { return "security" + strconv.Itoa(i) }

// securityKey identifies a requirement by its scheme names.
func securityKey(sec [][]*ir.SecurityUse) string {
	var b strings.Builder
	for _, alt := range sec {
		for _, use := range alt {
			b.WriteString(strconv.Quote(use.Scheme.Name))
		}
		b.WriteByte(';')
	}
	return b.String()
}

// opVar is the name of the variable holding an operation's Endpoint.
func opVar(op *ir.Operation) string { return "op" + op.Name }

// opInfo is the operation's OperationInfo, in its Endpoint.
func opInfo(op *ir.Operation) *jen.Statement { return jen.Op("&").Id(opVar(op)).Dot("Info") }
