package oasrt

import (
	"mime"
	"strings"
)

// mediaType returns the type/subtype of a Content-Type header, lower
// case, and whether it is one: parameters are left to the decoders that
// need them (multipart's boundary).
func mediaType(ct string) (string, bool) {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.TrimSpace(mt)
	typ, sub, ok := strings.Cut(mt, "/")
	if !ok || typ == "" || sub == "" || strings.IndexByte(sub, '/') >= 0 {
		return "", false
	}
	lower := true
	for i := 0; i < len(mt); i++ {
		c := mt[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),:<=>?@[\]{}`, c) >= 0 {
			return "", false
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if !lower {
		mt = strings.ToLower(mt)
	}
	return mt, true
}

// MediaIs reports whether a Content-Type value is of a documented media
// type (in lower case): the same type, or one a wildcard of the documented
// type covers ("image/*", "*/*", "application/*+json"), with each parameter
// the documented type names ("application/json;stream=watch").
func MediaIs(ct, documented string) bool {
	doc, params, _ := strings.Cut(documented, ";")
	mt, ok := mediaType(ct)
	if !ok || !mediaPattern(strings.TrimSpace(doc), mt) {
		return false
	}
	if params == "" {
		return true
	}
	_, have, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if have[strings.TrimSpace(k)] != strings.Trim(strings.TrimSpace(v), `"`) {
			return false
		}
	}
	return true
}

// mediaPattern matches a media type against a pattern in which * stands
// for any text within the type or the subtype.
func mediaPattern(pattern, mt string) bool {
	if pattern == mt || pattern == "*/*" {
		return true
	}
	pt, ps, _ := strings.Cut(pattern, "/")
	t, s, _ := strings.Cut(mt, "/")
	if pt != "*" && pt != t {
		return false
	}
	pre, suf, wild := strings.Cut(ps, "*")
	if !wild {
		return ps == s
	}
	return len(s) >= len(pre)+len(suf) && strings.HasPrefix(s, pre) && strings.HasSuffix(s, suf)
}
