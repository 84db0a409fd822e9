package load

import (
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
)

// nullTypes reads a null in a type list (type: [string, null], YAML's
// unquoted null where JSON Schema wants the string "null") as "null",
// with a lenient warning: real specs write it, and what it means is
// plain. Other empty types are left for lowering to refuse.
func nullTypes(doc *openapi3.T, loc *diag.Locator) []*diag.Diagnostic {
	var notes []*diag.Diagnostic
	EachSchema(doc, func(s *openapi3.Schema, at *Path) bool {
		if s.Type == nil {
			return true
		}
		for i, t := range *s.Type {
			if t != "" {
				continue
			}
			ptr := at.Pointer("type", strconv.Itoa(i))
			if !loc.Null(ptr) {
				continue
			}
			(*s.Type)[i] = openapi3.TypeNull
			notes = append(notes, diag.Lenient(ptr, `a null in a type list is read as the type "null" (JSON Schema wants the string: write "null" in quotes)`))
		}
		return true
	})
	return notes
}
