package oasrt

import (
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// ReadAll reads r to the end, appending to buf.
func ReadAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		var done bool
		var err error
		if buf, done, err = fill(r, buf); done || err != nil {
			return buf, err
		}
	}
}

// fill reads r into the room buf has left, until it is full (done is
// false) or r ends (done is true) or fails.
func fill(r io.Reader, buf []byte) (_ []byte, done bool, err error) {
	for len(buf) < cap(buf) {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, true, nil
		}
		if err != nil {
			return buf, false, err
		}
	}
	return buf, false, nil
}

// ErrorCode is the machine-readable code of an error status
// ("invalid_request"): its status text in snake case, shortened for the
// common ones.
func ErrorCode(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "invalid_request"
	case http.StatusRequestEntityTooLarge:
		return "request_too_large"
	case http.StatusInternalServerError:
		return "internal_error"
	}
	text := http.StatusText(status)
	if text == "" {
		return "error"
	}
	return strings.ReplaceAll(strings.ToLower(strings.ReplaceAll(text, "-", " ")), " ", "_")
}

// ErrorTable reads a generated operationErrorsTable: per operation, its name, then
// status and shape pairs, then "".
func ErrorTable(flat []string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for len(flat) > 0 {
		op, docs := flat[0], map[string]string{}
		flat = flat[1:]
		for len(flat) > 1 && flat[0] != "" {
			docs[flat[0]] = flat[1]
			flat = flat[2:]
		}
		out[op] = docs
		if len(flat) > 0 {
			flat = flat[1:] // the ""
		}
	}
	return out
}

// CloneHeader copies the extra headers of a response to add its typed
// ones to; never nil.
func CloneHeader(h http.Header) http.Header {
	if h == nil {
		return http.Header{}
	}
	return h.Clone()
}

// WriteBody writes a response with extra headers, a content type and a
// body.
func WriteBody(w http.ResponseWriter, status int, header http.Header, contentType string, body []byte) {
	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	if body != nil {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(status)
	if body != nil {
		_, _ = w.Write(body)
	}
}

// Register adds a pattern to mux and reports whether ServeMux took it.
func Register(mux *http.ServeMux, pattern string, fn http.HandlerFunc) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	mux.HandleFunc(pattern, fn)
	return true
}

// CleanPath is p as ServeMux cleans it: no empty, . or .. segments, the
// trailing slash kept.
func CleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		np += "/"
	}
	return np
}

// Concrete reports whether a ServeMux path has no wildcard.
func Concrete(p string) bool { return !strings.Contains(strings.TrimSuffix(p, "{$}"), "{") }
