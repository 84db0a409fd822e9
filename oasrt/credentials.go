package oasrt

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrNoCredentials is returned, wrapped, when an operation needs
// credentials the client was not given.
var ErrNoCredentials = errors.New("no credentials for this operation")

// TokenSource supplies a token for a bearer scheme, for callers that obtain
// tokens themselves.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// TokenSourceFunc makes a function a TokenSource.
type TokenSourceFunc func(ctx context.Context) (string, error)

// Token calls f.
func (f TokenSourceFunc) Token(ctx context.Context) (string, error) { return f(ctx) }

// StaticToken is a TokenSource of one token.
type StaticToken string

// Token returns t.
func (t StaticToken) Token(context.Context) (string, error) { return string(t), nil }

// Credential applies one security scheme's credentials to a request.
type Credential struct {
	Apply func(ctx context.Context, req *http.Request) error
	// renew, when not nil, discards the token a request carried after the
	// server refused it with 401, so that the next apply gets a new one.
	Renew func(req *http.Request)
}

// BearerCredential sends the token src gives as "Authorization: Bearer
// <token>"; one the server refuses is renewed when src can renew it.
func BearerCredential(src TokenSource) *Credential {
	c := &Credential{Apply: func(ctx context.Context, req *http.Request) error {
		tok, err := src.Token(ctx)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}}
	if r, ok := src.(interface{ invalidate(stale string) }); ok {
		c.Renew = func(req *http.Request) {
			r.invalidate(strings.TrimPrefix(req.Header.Get("Authorization"), "Bearer "))
		}
	}
	return c
}

// BasicCredential sends a user name and password (HTTP Basic).
func BasicCredential(username, password string) *Credential {
	return &Credential{Apply: func(_ context.Context, req *http.Request) error {
		req.SetBasicAuth(username, password)
		return nil
	}}
}

// HTTPCredential sends "Authorization: <scheme> <value>".
func HTTPCredential(scheme, value string) *Credential {
	return &Credential{Apply: func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", scheme+" "+value)
		return nil
	}}
}

// NoCredential is the apply of a scheme the transport satisfies (mutual
// TLS).
func NoCredential(context.Context, *http.Request) error { return nil }

// APIKeyCredential sends key as name in the query, a cookie or a header
// (in says which).
func APIKeyCredential(in, name, key string) *Credential {
	return &Credential{Apply: func(_ context.Context, req *http.Request) error {
		switch in {
		case "query":
			q := req.URL.Query()
			q.Set(name, key)
			req.URL.RawQuery = q.Encode()
		case "cookie":
			req.AddCookie(&http.Cookie{Name: name, Value: key})
		default:
			req.Header.Set(name, key)
		}
		return nil
	}}
}

// authorize applies the first alternative of security (a list of scheme
// sets) for which the client holds every credential, and returns the
// credentials it applied. An empty alternative needs none.
func (c *Client) authorize(ctx context.Context, req *http.Request, op string, security [][]string) ([]*Credential, error) {
	if len(security) == 0 {
		return nil, nil
	}
	var wanted []string
alternatives:
	for _, alt := range security {
		creds := make([]*Credential, 0, len(alt))
		for _, scheme := range alt {
			cr := c.Creds[scheme]
			if cr == nil {
				wanted = append(wanted, strings.Join(alt, " and "))
				continue alternatives
			}
			creds = append(creds, cr)
		}
		for _, cr := range creds {
			if err := cr.Apply(ctx, req); err != nil {
				return nil, fmt.Errorf("%s: credentials: %w", op, err)
			}
		}
		return creds, nil
	}
	return nil, fmt.Errorf("%s: %w (it needs %s)", op, ErrNoCredentials, strings.Join(wanted, ", or "))
}
