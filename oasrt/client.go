package oasrt

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Drain reads what is left of a body, up to 256 KiB, and closes it: a
// body read to its end lets the transport reuse the connection.
func Drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 256<<10))
	resp.Body.Close()
}

// errNotText is what Unmarshal returns for a document with a string that
// is not valid text.
var errNotText = errors.New("a string is not valid text: invalid UTF-8, or half a UTF-16 surrogate pair (RFC 8259)")

// Unmarshal decodes data into v with encoding/json, refusing a string
// that is not valid text (see ValidText), which encoding/json would read
// as U+FFFD.
func Unmarshal(data []byte, v any) error {
	if !ValidText(data, true) {
		return errNotText
	}
	return json.Unmarshal(data, v)
}

// WantJSON checks that a response says it is JSON, says nothing, or says
// text/plain (what a Go server that sets no Content-Type sends for JSON).
// Anything else, an HTML error page from a proxy say, is an error.
func WantJSON(resp *http.Response) error {
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	if _, sub, _ := strings.Cut(mt, "/"); mt == "text/plain" || sub == "json" || strings.HasSuffix(sub, "+json") || strings.HasSuffix(sub, "-json") {
		return nil
	}
	return fmt.Errorf("Content-Type %q is not JSON", ct)
}

// MissingProperty reports the first of the required properties the JSON
// object data lacks.
func MissingProperty(data []byte, required []string) error {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return err
	}
	for _, name := range required {
		if _, ok := keys[name]; !ok {
			return fmt.Errorf("the documented property %q is missing", name)
		}
	}
	return nil
}

// chunkSize is the size of the pooled chunks that hold a body of unknown
// length while it is read.
const chunkSize = 64 << 10

var chunkPool = sync.Pool{New: func() any { return new([chunkSize]byte) }}

// ReadChunks reads r to its end into pooled chunks, and returns what buf
// holds and what they hold in one buffer of that length.
func ReadChunks(r io.Reader, buf []byte) ([]byte, error) {
	var chunks []*[chunkSize]byte
	defer func() {
		for _, c := range chunks {
			chunkPool.Put(c)
		}
	}()
	last := chunkSize // bytes in the last chunk
	for {
		if last == chunkSize {
			chunks = append(chunks, chunkPool.Get().(*[chunkSize]byte))
			last = 0
		}
		n, err := r.Read(chunks[len(chunks)-1][last:])
		last += n
		if err == io.EOF {
			break
		}
		if err != nil {
			return buf, err
		}
	}
	out := make([]byte, 0, len(buf)+(len(chunks)-1)*chunkSize+last)
	out = append(out, buf...)
	for _, c := range chunks[:len(chunks)-1] {
		out = append(out, c[:]...)
	}
	return append(out, chunks[len(chunks)-1][:last]...), nil
}

// HeaderValue is the first value of the response header key, or "".
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func HeaderValue(h http.Header, key string) string { return h.Get(key) }

// HeaderString is the first value of the response header key, or nil
// when there is none or it is empty.
// Not inlined, as HeaderValue.
//
//go:noinline
func HeaderString(h http.Header, key string) *string {
	if v := h.Get(key); v != "" {
		return &v
	}
	return nil
}

// HeaderError is the error of a documented response header that does not
// parse.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func HeaderError(op, name string, err error) error {
	return fmt.Errorf("%s: header %s: %w", op, name, err)
}

// SameOrigin reports whether two URLs have the same scheme, host and port
// (the default port of the scheme when none is given).
func SameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

func RetryStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// RetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
