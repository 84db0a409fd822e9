package lower

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgen/oasgen/generator/diag"
	"github.com/oasgen/oasgen/generator/load"
)

// This file holds the checks that refuse a spec the generator would
// otherwise turn into wrong code: a typo must not silently become `any`,
// a broken path template must not become a route nobody can reach. Each
// refusal names the line and the JSON pointer and says what to change.

// jsonTypes are the values JSON Schema allows for "type".
var jsonTypes = map[string]bool{
	"string": true, "number": true, "integer": true, "boolean": true,
	"array": true, "object": true, "null": true,
}

// maxSchemaDepth bounds the reference tokens of a schema's JSON pointer:
// 400 is 200 levels of inline nesting, where the deepest of 88 real-world
// specs has 41. Beyond it, generation would spend time and memory
// quadratic in the depth on pointers and names.
const maxSchemaDepth = 400

// checkSchemas refuses every schema of the document whose type is not a
// JSON Schema type, and schemas nested beyond maxSchemaDepth; it reports
// whether they were.
func (l *lowerer) checkSchemas() (tooDeep bool) {
	load.EachSchema(l.doc, func(s *openapi3.Schema, at *load.Path) bool {
		if at.Depth() > maxSchemaDepth {
			if tooDeep {
				return false
			}
			tooDeep = true
			l.fail(diag.At(at.Pointer(), "schemas are nested more than %d levels deep here; declare the inner ones in components/schemas and refer to them with $ref", maxSchemaDepth/2))
			return false
		}
		if s.Type != nil {
			for _, t := range *s.Type {
				if !jsonTypes[t] {
					l.fail(diag.At(at.Pointer("type"), "type %q is not a JSON Schema type; write one of string, number, integer, boolean, array, object or null", t))
				}
			}
		}
		return true
	})
	return tooDeep
}

// pathProblem says what is wrong with a path template, or "" when
// nothing is: it must start with "/", and every "{" must open a variable
// with a name, closed by "}" before the next "{".
func pathProblem(path string) string {
	if !strings.HasPrefix(path, "/") {
		return fmt.Sprintf("the path %q does not start with /; write it relative to the server URL, as /%s", path, path)
	}
	open := -1
	seen := map[string]bool{}
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '{':
			if open >= 0 {
				return fmt.Sprintf("the path %q opens a variable at byte %d inside another; write variables as {name}", path, i)
			}
			open = i
		case '}':
			if open < 0 {
				return fmt.Sprintf("the path %q closes a variable at byte %d that was not opened; write variables as {name}", path, i)
			}
			name := path[open+1 : i]
			if name == "" {
				return fmt.Sprintf("the path %q has a variable without a name, {}; name it after its path parameter", path)
			}
			if seen[name] {
				return fmt.Sprintf("the path %q has the variable {%s} twice; give each its own parameter", path, name)
			}
			seen[name] = true
			open = -1
		}
	}
	if open >= 0 {
		return fmt.Sprintf("the path %q opens a variable at byte %d and never closes it; add the }", path, open)
	}
	return ""
}

// statusProblem says what is wrong with a response key, or "" when it is
// a status code from 100 to 599, a range from 1XX to 5XX, or "default".
func statusProblem(key string) string {
	if key == "default" {
		return ""
	}
	if len(key) == 3 && key[0] >= '1' && key[0] <= '5' {
		if strings.EqualFold(key[1:], "XX") {
			return ""
		}
		if key[1] >= '0' && key[1] <= '9' && key[2] >= '0' && key[2] <= '9' {
			return ""
		}
	}
	return fmt.Sprintf("the response key %q is not a status code (100 to 599), a range (1XX to 5XX) or default; correct it", key)
}

// tokenProblem says what is wrong with a header, cookie or API key name
// (what names it), or "" when it is an HTTP token.
func tokenProblem(what, name string) string {
	if isToken(name) {
		return ""
	}
	return fmt.Sprintf("the %s name %q is not an HTTP token, which no request or response can carry; use letters, digits and !#$%%&'*+-.^_`|~ only", what, name)
}

// isToken reports whether s is an HTTP token (RFC 9110), the only thing a
// header or cookie name can be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
