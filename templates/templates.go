// Package templates holds what the generator writes that is not derived
// per operation or schema: the generated package's doc.go and the static
// support files some types need. Go code derived from the spec is emitted
// by the emit package, never from here.
//
// Spec text reaches a template only as comment.Line values, which only
// the comment package makes: a template cannot be handed text that could
// end a comment or become a directive. The package name is the one string
// a template takes, and Render refuses it unless it is a Go identifier.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"go/token"
	"text/template"

	"github.com/oasgen/oasgen/generator/comment"
)

//go:embed *.tmpl
var files embed.FS

var all = template.Must(template.New("").ParseFS(files, "*.tmpl"))

// Doc is the data of the doc.go template.
type Doc struct {
	// Header is the first line of the file.
	Header      comment.Line
	Package     string
	Title       comment.Line
	Version     comment.Line
	Description []comment.Line
	// Spec names the spec the package is generated from.
	Spec   comment.Line
	Client bool
	Server bool
	// Example is Go code, one line per item, showing the client in use.
	Example []comment.Line
}

// Support is the data of a support file template.
type Support struct {
	Header  comment.Line
	Package string
	// Exported: the types' generated JSON methods are exported
	// (AppendJSON, not appendJSON): the types are a package of their own
	// that the client and server call into.
	Exported bool
}

// Render executes the named template ("doc.go.tmpl", "decimal.go.tmpl"...)
// with data.
func Render(name string, data any) ([]byte, error) {
	var pkg string
	switch d := data.(type) {
	case Doc:
		pkg = d.Package
	case Support:
		pkg = d.Package
	default:
		return nil, fmt.Errorf("template %s: data of type %T", name, data)
	}
	if !token.IsIdentifier(pkg) {
		return nil, fmt.Errorf("template %s: package name %q is not a Go identifier", name, pkg)
	}
	var buf bytes.Buffer
	if err := all.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// SupportFile returns the template name of a support file listed in
// ir.API.Support.
func SupportFile(name string) string { return name + ".go.tmpl" }
