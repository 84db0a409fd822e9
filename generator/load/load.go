// Package load reads an OpenAPI description with kin-openapi, resolves its
// references and reports what is wrong with it as diagnostics that name the
// file, line and JSON pointer.
//
// Problems that leave the document usable (kin-openapi's validation
// findings) are warnings; problems that leave no document (syntax, a $ref to
// nothing) are errors.
package load

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
)

// Spec is a loaded, reference-resolved OpenAPI document.
type Spec struct {
	Doc *openapi3.T
	// File is the name diagnostics use for the document.
	File    string
	Locator *diag.Locator
}

// Load parses src, read from file, and resolves its references; references
// to other files are read relative to file. It returns the spec and the
// validation warnings, or an error that is a *diag.Diagnostic.
func Load(file string, src []byte) (*Spec, []*diag.Diagnostic, error) {
	loc := diag.NewLocator(file, src)
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	location := &url.URL{Path: filepath.ToSlash(abs)}
	if v, ok := loc.Scalar("/swagger"); ok && !strings.HasPrefix(v, "2.") {
		return nil, nil, loc.Resolve(diag.At("/swagger", "%sSwagger %s: only Swagger 2.0 and OpenAPI 3.0 and 3.1 are read", diag.Unsupported, v))
	}
	var warnings []*diag.Diagnostic
	if isSwagger2(loc) {
		converted, translate, notes, err := fromSwagger2(src)
		if err != nil {
			return nil, nil, loc.Resolve(diag.At("/swagger", "Swagger 2.0: %s", shorten(err.Error(), maxMessage)))
		}
		for _, n := range notes {
			warnings = append(warnings, loc.Resolve(n))
		}
		src = converted
		loc.Translate(translate)
	}
	var doc *openapi3.T
	if block := blockYAML(src); block != nil {
		// JSON parses faster rewritten as block YAML (see blockYAML);
		// what does not load so is loaded as it is, for its errors.
		doc, err = newLoader(true).LoadFromDataWithPath(block, location)
	}
	if doc == nil {
		doc, err = newLoader(false).LoadFromDataWithPath(src, location)
	}
	if err != nil {
		// Try again with what repair can mend; report the first error if
		// that does not help.
		fixed, notes := repair(src)
		if fixed == nil {
			return nil, nil, loadError(loc, err)
		}
		doc, err = newLoader(false).LoadFromDataWithPath(fixed, location)
		if err != nil {
			return nil, nil, loadError(loc, err)
		}
		for _, n := range notes {
			warnings = append(warnings, loc.Resolve(n))
		}
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		return nil, nil, loc.Resolve(diag.At("/openapi", "%sOpenAPI version %q: only 3.0 and 3.1 (and Swagger 2.0) are read", diag.Unsupported, doc.OpenAPI))
	}
	for _, n := range nullTypes(doc, loc) {
		warnings = append(warnings, loc.Resolve(n))
	}
	verr := doc.Validate(context.Background(),
		openapi3.EnableMultiError(),
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
		openapi3.DisableSchemaFormatValidation(),
	)
	for _, e := range flatten(verr) {
		warnings = append(warnings, loc.Resolve(&diag.Diagnostic{Pointer: pointerOf(e), Msg: e.Error()}))
	}
	for _, n := range breakInPlaceCycles(doc) {
		warnings = append(warnings, loc.Resolve(n))
	}
	return &Spec{Doc: doc, File: file, Locator: loc}, warnings, nil
}

// newLoader returns a kin-openapi loader that follows $refs to other
// files on this machine, never over the network; with block, the JSON
// documents it reads are rewritten as block YAML (see blockYAML).
func newLoader(block bool) *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	read := readLocal
	if block {
		read = func(loader *openapi3.Loader, location *url.URL) ([]byte, error) {
			data, err := readLocal(loader, location)
			if err != nil {
				return nil, err
			}
			if b := blockYAML(data); b != nil {
				return b, nil
			}
			return data, nil
		}
	}
	loader.ReadFromURIFunc = openapi3.URIMapCache(read)
	return loader
}

// readLocal reads a referenced document from a local file. A spec is
// untrusted: a $ref to a URL would make generation fetch whatever it
// names (an internal address, a cloud metadata service) and depend on
// the network, so it is refused.
func readLocal(loader *openapi3.Loader, location *url.URL) ([]byte, error) {
	if (location.Scheme != "" && location.Scheme != "file") || location.Host != "" {
		return nil, fmt.Errorf("the $ref to %s is not followed: references are read from local files only; save the document beside the spec and refer to it by its path", location.Redacted())
	}
	return openapi3.ReadFromFile(loader, location)
}

var (
	quotedRef = regexp.MustCompile(`"([^"]*#/[^"]*)"`)
	yamlLine  = regexp.MustCompile(`line (\d+)`)
)

// loadError turns a loader failure into a diagnostic, finding the line of
// the offending $ref or the line a YAML error names.
func loadError(loc *diag.Locator, err error) *diag.Diagnostic {
	msg := shorten(err.Error(), maxMessage)
	for _, m := range quotedRef.FindAllStringSubmatch(msg, -1) {
		ptr, line := loc.FindRef(m[1])
		if line > 0 {
			d := loc.Resolve(&diag.Diagnostic{Pointer: ptr, Line: line, Msg: "unresolvable $ref " + strconv.Quote(m[1]) + ": " + msg})
			return d
		}
	}
	d := &diag.Diagnostic{Msg: msg}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
	}
	loc.Resolve(d)
	if d.Line == 0 {
		d.Line = 1
	}
	return d
}

// flatten lists the single errors of a (possibly multi) validation error.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

var componentDirs = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers",
	"request body": "requestBodies", "response": "responses",
	"security scheme": "securitySchemes", "example": "examples",
	"link": "links", "callback": "callbacks",
}

// pointerOf derives the most precise JSON pointer a validation error's
// chain of context wrappers allows.
func pointerOf(err error) string {
	ptr := ""
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch v := e.(type) {
		case *openapi3.SectionValidationError:
			if ptr == "" && !strings.Contains(v.Section, " ") {
				ptr = diag.Pointer("", v.Section)
			}
		case *openapi3.PathValidationError:
			ptr = diag.Pointer("", "paths", v.Path)
		case *openapi3.OperationValidationError:
			ptr = diag.Pointer(ptr, strings.ToLower(v.Method))
		case *openapi3.ComponentValidationError:
			if dir, ok := componentDirs[v.Section]; ok {
				ptr = diag.Pointer("", "components", dir, v.Name)
			}
		}
	}
	return ptr
}

// maxMessage bounds the text of a load error: the parser lists every
// problem with its full path, which for a deeply nested document grows
// with the square of its size.
const maxMessage = 2000

// shorten cuts msg to about max bytes, at a character boundary, saying
// how much was left out.
func shorten(msg string, max int) string {
	if len(msg) <= max {
		return msg
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return fmt.Sprintf("%s … (%d more bytes)", msg[:cut], len(msg)-cut)
}
