package oasrt

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TokenFlowConfig is what the spec's x-token-flow says about a scheme,
// bound to the client's operations.
type TokenFlowConfig struct {
	Login   func(ctx context.Context) (any, error)
	Refresh func(ctx context.Context, refreshToken string) (any, error)
	// Token and RefreshToken are JSON pointers into the success bodies.
	Token, RefreshToken string
	JWTExpiry           bool
	// Early is how long before expiry the token is renewed.
	Early time.Duration
	// Timeout bounds one login or refresh, whatever the callers' contexts.
	Timeout time.Duration
	Now     func() time.Time
}

// tokenFlow logs in on first need, keeps the token, renews it through the
// refresh operation shortly before it expires, and logs in again when the
// refresh fails. Concurrent callers share one login or refresh.
type tokenFlow struct {
	cfg     TokenFlowConfig
	mu      sync.Mutex
	token   string
	refresh string
	expiry  time.Time // zero when unknown
	early   time.Duration
	flight  *flight
}

type flight struct {
	done  chan struct{}
	token string
	err   error
}

// NewTokenFlow returns the TokenSource of a token flow.
func NewTokenFlow(cfg TokenFlowConfig) TokenSource {
	if cfg.Early == 0 {
		cfg.Early = 30 * time.Second
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &tokenFlow{cfg: cfg}
}

// Token returns a token that is not about to expire, obtaining one when
// needed. It waits for the flight in progress rather than starting
// another.
func (f *tokenFlow) Token(ctx context.Context) (string, error) {
	f.mu.Lock()
	if f.token != "" && (f.expiry.IsZero() || f.cfg.Now().Add(f.early).Before(f.expiry)) {
		tok := f.token
		f.mu.Unlock()
		return tok, nil
	}
	fl := f.flight
	if fl == nil {
		fl = &flight{done: make(chan struct{})}
		f.flight = fl
		refresh := f.refresh
		// The flight outlives a caller that gives up: the others still
		// wait for it.
		go f.fly(context.WithoutCancel(ctx), fl, refresh)
	}
	f.mu.Unlock()
	select {
	case <-fl.done:
		return fl.token, fl.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (f *tokenFlow) fly(ctx context.Context, fl *flight, refresh string) {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	var tok, next string
	var err error
	if refresh != "" {
		tok, next, err = f.obtain(f.cfg.Refresh(ctx, refresh))
	}
	if refresh == "" || err != nil {
		tok, next, err = f.obtain(f.cfg.Login(ctx))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.flight = nil
	fl.token, fl.err = tok, err
	if err == nil {
		f.token, f.refresh, f.expiry = tok, next, f.expiryOf(tok)
		// Renew early, but never so early that a short-lived token is
		// renewed on every call: at most a fifth of its lifetime before.
		f.early = min(f.cfg.Early, f.expiry.Sub(f.cfg.Now())/5)
	}
	close(fl.done)
}

// invalidate forgets the token when it is the one the server refused, so
// the next Token call renews it.
func (f *tokenFlow) invalidate(stale string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.token == stale {
		f.token = ""
	}
}

// obtain reads both tokens out of a login or refresh answer.
func (f *tokenFlow) obtain(body any, err error) (string, string, error) {
	if err != nil {
		return "", "", err
	}
	data, err := json.Marshal(body)
	if err != nil {
		return "", "", err
	}
	tok, err := jsonPointerString(data, f.cfg.Token)
	if err != nil {
		return "", "", err
	}
	next, _ := jsonPointerString(data, f.cfg.RefreshToken)
	return tok, next, nil
}

func (f *tokenFlow) expiryOf(tok string) time.Time {
	if !f.cfg.JWTExpiry {
		return time.Time{}
	}
	exp, ok := jwtExpiry(tok)
	if !ok {
		return time.Time{}
	}
	return exp
}

// jwtExpiry reads the exp claim of a JWT without checking its signature:
// the client only needs to know when to renew.
func jwtExpiry(tok string) (time.Time, bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}, false
	}
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Exp == "" {
		return time.Time{}, false
	}
	secs, err := claims.Exp.Float64()
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(int64(secs), 0), true
}

// jsonPointerString returns the string at a JSON pointer in a document.
func jsonPointerString(data []byte, pointer string) (string, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return "", err
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch node := v.(type) {
		case map[string]any:
			v = node[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(node) {
				return "", fmt.Errorf("token answer: nothing at %s", pointer)
			}
			v = node[i]
		default:
			return "", fmt.Errorf("token answer: nothing at %s", pointer)
		}
	}
	s, ok := v.(string)
	if !ok || s == "" {
		return "", errors.New("token answer: no token at " + pointer)
	}
	return s, nil
}

// FillJSON sets the named JSON properties of v, a request body type.
func FillJSON(v any, props map[string]string) error {
	data, err := json.Marshal(props)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}
