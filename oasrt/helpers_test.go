package oasrt

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "a": "/a", "/a/../b": "/b", "/a/./b/": "/a/b/", "//a//b": "/a/b", "/..": "/", "/a/b/..": "/a",
	} {
		if got := CleanPath(in); got != want {
			t.Errorf("CleanPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConcrete(t *testing.T) {
	for in, want := range map[string]bool{"/a/b": true, "/a/{$}": true, "/a/{id}": false, "/{x}/b{$}": false} {
		if got := Concrete(in); got != want {
			t.Errorf("Concrete(%q) = %v", in, got)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false}, {"7", 7 * time.Second, true}, {" 0 ", 0, true}, {"-1", 0, false}, {"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	} {
		got, ok := RetryAfter(c.in, now)
		if got != c.want || ok != c.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	u := func(s string) *url.URL {
		v, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"https://api.example.com/a", "HTTPS://API.example.com:443/b", true},
		{"http://example.com", "http://example.com:80/x", true},
		{"https://example.com", "http://example.com", false},
		{"https://example.com", "https://example.com:8443", false},
		{"https://example.com", "https://evil.example.com", false},
	} {
		if got := SameOrigin(u(c.a), u(c.b)); got != c.want {
			t.Errorf("SameOrigin(%s, %s) = %v", c.a, c.b, got)
		}
	}
}

func TestErrorCode(t *testing.T) {
	for status, want := range map[int]string{
		400: "invalid_request", 413: "request_too_large", 500: "internal_error", 404: "not_found",
		415: "unsupported_media_type", 418: "i'm_a_teapot", 599: "error",
	} {
		if got := ErrorCode(status); got != want {
			t.Errorf("ErrorCode(%d) = %q, want %q", status, got, want)
		}
	}
}

func TestWantJSON(t *testing.T) {
	for ct, ok := range map[string]bool{
		"": true, "application/json": true, "application/problem+json; charset=utf-8": true, "text/plain": true,
		"application/vnd.api-json": true, "application/x-ndjson": false, "text/html": false, "application/xml": false,
	} {
		resp := &http.Response{Header: http.Header{}}
		if ct != "" {
			resp.Header.Set("Content-Type", ct)
		}
		if err := WantJSON(resp); (err == nil) != ok {
			t.Errorf("WantJSON(%q) = %v", ct, err)
		}
	}
}

func TestErrorTable(t *testing.T) {
	got := ErrorTable([]string{"a", "404", "NotFound", "default", "Error", "", "b", ""})
	if len(got) != 2 || got["a"]["404"] != "NotFound" || got["a"]["default"] != "Error" || len(got["b"]) != 0 {
		t.Errorf("ErrorTable = %v", got)
	}
}
