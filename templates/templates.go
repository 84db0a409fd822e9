// Package templates holds what the generator writes that is not derived
// per operation or schema: the generated package's doc.go and the static
// support files some types need. Go code derived from the spec is emitted
// by the emit package, never from here.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

var all = template.Must(template.New("").ParseFS(files, "*.tmpl"))

// Doc is the data of the doc.go template.
type Doc struct {
	Header      string
	Package     string
	Title       string
	Version     string
	Description []string
	Spec        string
	Client      bool
	Server      bool
	// Example is Go code, one line per item, showing the client in use.
	Example []string
}

// Support is the data of a support file template.
type Support struct {
	Header  string
	Package string
}

// Render executes the named template ("doc.go.tmpl", "decimal.go.tmpl"...)
// with data.
func Render(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := all.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// SupportFile returns the template name of a support file listed in
// ir.API.Support.
func SupportFile(name string) string { return name + ".go.tmpl" }
