package oasrt

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestPathReaders holds the readers of string and integer path
// parameters: the value, ErrRequired when empty, strconv's error.
func TestPathReaders(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.SetPathValue("s", "a b")
	r.SetPathValue("n", "-12")
	r.SetPathValue("x", "1.5")
	var s string
	var n int64 = 7
	if err := PathString(r, "s", &s); err != nil || s != "a b" {
		t.Errorf("PathString = %q, %v", s, err)
	}
	if err := PathString(r, "none", &s); !errors.Is(err, ErrRequired) {
		t.Errorf("PathString of an empty wildcard: %v, want ErrRequired", err)
	}
	if err := PathInt64(r, "n", &n); err != nil || n != -12 {
		t.Errorf("PathInt64 = %d, %v", n, err)
	}
	if err := PathInt64(r, "none", &n); !errors.Is(err, ErrRequired) || n != -12 {
		t.Errorf("PathInt64 of an empty wildcard: %d, %v; want -12 kept and ErrRequired", n, err)
	}
	if err := PathInt64(r, "x", &n); !errors.Is(err, strconv.ErrSyntax) || n != -12 {
		t.Errorf("PathInt64 of 1.5: %d, %v; want -12 kept and a syntax error", n, err)
	}
}

// TestStart holds the order Start checks a request in: credentials,
// then the query, which must parse whole.
func TestStart(t *testing.T) {
	type key struct{}
	h := &Handler{Schemes: map[string]func(ctx context.Context, r *http.Request, op string) (context.Context, error){
		"token": func(ctx context.Context, r *http.Request, op string) (context.Context, error) {
			if r.Header.Get("Authorization") == "" {
				return nil, ErrMissingCredentials
			}
			return context.WithValue(ctx, key{}, op), nil
		},
	}}
	security := [][]string{{"token"}}
	status := func(err error) int {
		var he *HTTPError
		var re *RequestError
		switch {
		case errors.As(err, &he):
			return he.Status
		case errors.As(err, &re):
			return re.Status
		}
		return 0
	}
	for _, c := range []struct {
		target   string
		auth     bool
		security [][]string
		status   int
	}{
		{"/a?x=1", false, nil, 0},
		{"/a?x=%zz", false, nil, 400},
		{"/a?x=1;y=2", false, nil, 400},
		{"/a?x=%zz", false, security, 401},
		{"/a?x=%zz", true, security, 400},
		{"/a?x=1&x=2", true, security, 0},
	} {
		r := httptest.NewRequest("GET", c.target, nil)
		if c.auth {
			r.Header.Set("Authorization", "Bearer t")
		}
		ctx, query, err := h.Start(r, "Op", c.security)
		if got := status(err); got != c.status || (err == nil) != (c.status == 0) {
			t.Errorf("%s auth=%v security=%v: status %d (%v), want %d", c.target, c.auth, c.security, got, err, c.status)
			continue
		}
		if err != nil {
			continue
		}
		if want := strings.Split(strings.TrimPrefix(c.target, "/a?"), "&"); len(query["x"]) != len(want) {
			t.Errorf("%s: query %v", c.target, query)
		}
		if c.security != nil && ctx.Value(key{}) != "Op" {
			t.Errorf("%s: the context is not the security handler's", c.target)
		}
	}
}

// TestErrorText holds the text of a documented error response: the
// operation, the status and the message, cut at a rune's start.
func TestErrorText(t *testing.T) {
	if got := ErrorText("GET /a (A)", 404, ""); got != "GET /a (A): 404 Not Found" {
		t.Errorf("no message: %q", got)
	}
	if got := ErrorText("GET /a (A)", 400, "bad"); got != "GET /a (A): 400 Bad Request: bad" {
		t.Errorf("a message: %q", got)
	}
	long := strings.Repeat("a", maxMessage-1) + "é" + "tail"
	got := ErrorText("A", 500, long)
	if want := "A: 500 Internal Server Error: " + strings.Repeat("a", maxMessage-1) + "..."; got != want {
		t.Errorf("a long message cut at %d bytes: got %q", maxMessage, got[len(got)-10:])
	}
}
