package oasrt

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestSendContentType holds that a request carries its Content-Type with
// a body only: an optional body left out sends neither; an empty body is
// still a body.
func TestSendContentType(t *testing.T) {
	var got *http.Request
	var c Client
	if err := c.Init("http://api.test/v1"); err != nil {
		t.Fatal(err)
	}
	c.Doer = doerFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return &http.Response{StatusCode: 204, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}, nil
	})
	c.SetRetry(RetryPolicy{})
	ep := &Endpoint{Info: OperationInfo{ID: "put", Method: "PUT", Route: "/a"}, Op: "Put", Accept: "application/json"}
	for _, tc := range []struct {
		body   []byte
		stream io.Reader
		want   string
	}{
		{nil, nil, ""},
		{[]byte{}, nil, "application/json"},
		{[]byte(`{}`), nil, "application/json"},
		{nil, strings.NewReader("x"), "application/json"},
	} {
		resp, err := c.Send(context.Background(), &Request{Endpoint: ep, Path: "/a", Body: tc.body, Stream: tc.stream, ContentType: "application/json"})
		if err != nil {
			t.Fatal(err)
		}
		Drain(resp)
		if ct := got.Header.Get("Content-Type"); ct != tc.want {
			t.Errorf("body %q stream %v: Content-Type %q, want %q", tc.body, tc.stream != nil, ct, tc.want)
		}
		if got.URL.Path != "/v1/a" || got.Method != "PUT" || got.Header.Get("Accept") != "application/json" {
			t.Errorf("sent %s %s Accept %q", got.Method, got.URL.Path, got.Header.Get("Accept"))
		}
	}
}
