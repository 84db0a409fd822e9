package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/ir"
)

// operationInfos emits the OperationInfo of each operation, which the
// client's requests and the server's routed requests carry.
func (e *emitter) operationInfos(f *jen.File) {
	if len(e.api.Operations) == 0 {
		return
	}
	defs := make([]jen.Code, 0, len(e.api.Operations))
	for _, op := range e.api.Operations {
		defs = append(defs, jen.Id(opInfo(op)).Op("=").Op("&").Id(ir.NameOperationInfo).Values(
			jen.Id("ID").Op(":").Lit(op.ID), jen.Id("Method").Op(":").Lit(op.Method), jen.Id("Route").Op(":").Lit(op.Route)))
	}
	f.Add(commentLine("The operations, as " + ir.NameOperationFrom + " reports them."))
	f.Var().Defs(defs...)
}

// opInfo is the name of the variable holding an operation's OperationInfo.
func opInfo(op *ir.Operation) string { return "op" + op.Name + "Info" }
