package oasrt

import (
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
)

// Route registers an operation's handler for "METHOD /path". Patterns
// ServeMux cannot take (a wildcard inside a segment, "{id}.json", or two
// patterns neither of which is more specific) go to a fallback router.
func (h *Handler) Route(pattern string, fn http.HandlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	if !Register(h.mux, pattern, fn) {
		h.extra = append(h.extra, newFallbackRoute(method, path, fn))
		sort.SliceStable(h.extra, func(i, j int) bool { return h.extra[i].literal > h.extra[j].literal })
		return
	}
	if _, ok := h.allow[path]; !ok && !Register(h.paths, path, func(http.ResponseWriter, *http.Request) {}) {
		// Only for telling 405 from 404: the methods are in h.allow.
		h.extra = append(h.extra, &fallbackRoute{path: path, re: newFallbackRoute(method, path, nil).re})
	}
	h.allow[path] = append(h.allow[path], method)
}

// fallbackRoute matches a path template with a regular expression and
// sets the path values ServeMux would.
type fallbackRoute struct {
	method  string // "" for a path-only entry (see route)
	path    string
	re      *regexp.Regexp
	names   []string
	literal int // literal characters: more is more specific
	fn      http.HandlerFunc
}

var wildcard = regexp.MustCompile(`\{([^{}]*)\}`)

func newFallbackRoute(method, path string, fn http.HandlerFunc) *fallbackRoute {
	rt := &fallbackRoute{method: method, fn: fn}
	path = strings.TrimSuffix(path, "{$}")
	var expr strings.Builder
	expr.WriteString("^")
	last := 0
	for _, m := range wildcard.FindAllStringSubmatchIndex(path, -1) {
		lit := path[last:m[0]]
		expr.WriteString(regexp.QuoteMeta(lit))
		expr.WriteString("([^/]+)")
		rt.literal += len(lit)
		rt.names = append(rt.names, path[m[2]:m[3]])
		last = m[1]
	}
	expr.WriteString(regexp.QuoteMeta(path[last:]) + "$")
	rt.literal += len(path) - last
	rt.re = regexp.MustCompile(expr.String())
	return rt
}

// match reports whether the route's path matches r, setting its path
// values when set is true.
func (rt *fallbackRoute) match(r *http.Request, set bool) bool {
	m := rt.re.FindStringSubmatch(r.URL.EscapedPath())
	if m == nil {
		return false
	}
	if set {
		for i, name := range rt.names {
			v, err := url.PathUnescape(m[i+1])
			if err != nil {
				return false
			}
			r.SetPathValue(name, v)
		}
	}
	return true
}

// Serve answers a request: routing, 404 and 405 in the API's error shape,
// and recovery from panics.
func (h *Handler) Serve() http.Handler {
	h.concreteFirst()
	var next http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.Log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				h.Fail(w, r, "", &HTTPError{Status: http.StatusInternalServerError, Message: http.StatusText(http.StatusInternalServerError)})
			}
		}()
		if p := r.URL.EscapedPath(); CleanPath(p) != p {
			// ServeMux would redirect to the cleaned path, another
			// operation's maybe ("/ledger/assets/.." to "/ledger"): an API
			// answers such a path itself.
			h.Fail(w, r, "", &HTTPError{Status: http.StatusNotFound, Message: "no operation at " + r.URL.Path + " (a path with empty, . or .. segments)"})
			return
		}
		h.mux.ServeHTTP(w, r)
	})
	for i := len(h.Wrap) - 1; i >= 0; i-- {
		next = h.Wrap[i](next)
	}
	return next
}

// concreteFirst makes a path without templates win over the templates
// that match it, whatever the method, as OpenAPI matches paths: ServeMux
// would route GET /orders/mine to GET /orders/{id} when /orders/mine has
// only PUT, where the answer is 405 with Allow: PUT.
func (h *Handler) concreteFirst() {
	var methods []string
	for _, ms := range h.allow {
		methods = append(methods, ms...)
	}
	sort.Strings(methods)
	methods = slices.Compact(methods)
	for _, p := range SortedKeys(h.allow) {
		if !Concrete(p) {
			continue
		}
		for _, m := range methods {
			if slices.Contains(h.allow[p], m) {
				continue
			}
			probe := &http.Request{Method: m, URL: &url.URL{Path: strings.TrimSuffix(p, "{$}")}}
			if _, pattern := h.mux.Handler(probe); pattern != "/" {
				Register(h.mux, m+" "+p, h.unrouted)
			}
		}
	}
}

// unrouted answers a request no ServeMux pattern of an operation took:
// a route ServeMux cannot hold, or 405 or 404.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	var methods []string
	if _, p := h.paths.Handler(r); p != "" && Concrete(p) {
		// The path is an operation's, without templates, but not
		// for this method: no template is tried.
		h.notAllowed(w, r, h.allow[p])
		return
	}
	for _, rt := range h.extra {
		if rt.method == method && rt.match(r, true) {
			rt.fn(w, r)
			return
		}
		if rt.match(r, false) {
			if rt.method == "" {
				methods = append(methods, h.allow[rt.path]...)
			} else {
				methods = append(methods, rt.method)
			}
		}
	}
	if _, path := h.paths.Handler(r); path != "" {
		methods = append(methods, h.allow[path]...)
	}
	if len(methods) > 0 {
		h.notAllowed(w, r, methods)
		return
	}
	h.Fail(w, r, "", &HTTPError{Status: http.StatusNotFound, Message: "no operation at " + r.URL.Path})
}

// notAllowed answers 405 for a path whose operations have methods.
func (h *Handler) notAllowed(w http.ResponseWriter, r *http.Request, methods []string) {
	methods = slices.Clone(methods)
	if slices.Contains(methods, http.MethodGet) {
		methods = append(methods, http.MethodHead)
	}
	sort.Strings(methods)
	w.Header().Set("Allow", strings.Join(slices.Compact(methods), ", "))
	h.Fail(w, r, "", &HTTPError{Status: http.StatusMethodNotAllowed, Message: "method " + r.Method + " is not allowed here"})
}
