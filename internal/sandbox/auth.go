package sandbox

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/oasgen/oasgen/generated/foundry"
)

func envelope(status int, msg string) foundry.Error {
	return foundry.Error{StatusEnvelope: &foundry.StatusEnvelope{StatusCode: int32(status), StatusMessage: msg}}
}

// issue makes the three tokens of a login or refresh.
func (s *Sandbox) issue(u *user) foundry.Tokens {
	now := s.cfg.Now()
	exp := now.Add(s.cfg.TokenTTL).Unix()
	c := claims{Sub: u.id, Email: u.username, Iat: now.Unix(), Exp: exp}
	id, access, refresh := c, c, c
	id.Use, id.Jti = "id", newID("jti_")
	access.Use, access.Jti = "access", newID("jti_")
	refresh.Use, refresh.Jti = "refresh", newID("jti_")
	// A refresh token lives longer than the others, as with Cognito.
	refresh.Exp = now.Add(30 * s.cfg.TokenTTL).Unix()
	return foundry.Tokens{IDToken: sign(s.cfg.Secret, id), AccessToken: sign(s.cfg.Secret, access), RefreshToken: sign(s.cfg.Secret, refresh)}
}

// Login checks the user name (or e-mail address) and password.
func (s *Sandbox) Login(_ context.Context, req *foundry.LoginRequest) (foundry.LoginResponse, error) {
	if err := s.fault("Login"); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[strings.ToLower(strings.TrimSpace(req.Body.Username))]
	// Compare in constant time, and compare even for an unknown user, so
	// timing tells neither the password nor which users exist.
	want := s.cfg.Password
	if u != nil {
		want = u.password
	}
	if subtle.ConstantTimeCompare([]byte(req.Body.Password), []byte(want)) != 1 || u == nil {
		return &foundry.LoginUnauthorized{Body: envelope(http.StatusUnauthorized, "Incorrect username or password")}, nil
	}
	if u.suspended {
		return &foundry.LoginForbidden{Body: envelope(http.StatusForbidden, "User is disabled")}, nil
	}
	return &foundry.LoginOK{Body: foundry.AuthResult{StatusCode: 200, StatusMessage: "OK", Tokens: s.issue(u)}}, nil
}

// RefreshToken exchanges a refresh token, once, for new tokens.
func (s *Sandbox) RefreshToken(_ context.Context, req *foundry.RefreshTokenRequest) (foundry.RefreshTokenResponse, error) {
	if err := s.fault("RefreshToken"); err != nil {
		return nil, err
	}
	c, err := verify(s.cfg.Secret, req.Body.Refreshtoken, s.cfg.Now())
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil || c.Use != "refresh" || s.revoked[c.Jti] {
		return &foundry.RefreshTokenUnauthorized{Body: envelope(http.StatusUnauthorized, "Invalid refresh token")}, nil
	}
	u := s.users[c.Email]
	if u == nil {
		return &foundry.RefreshTokenUnauthorized{Body: envelope(http.StatusUnauthorized, "Invalid refresh token")}, nil
	}
	if u.suspended {
		return &foundry.RefreshTokenForbidden{Body: envelope(http.StatusForbidden, "User is disabled")}, nil
	}
	s.revoked[c.Jti] = true
	return &foundry.RefreshTokenOK{Body: foundry.AuthResult{StatusCode: 200, StatusMessage: "OK", Tokens: s.issue(u)}}, nil
}

// HandleIDToken accepts only a live idToken: the accessToken, which the
// documentation warns against, is refused.
func (s *Sandbox) HandleIDToken(ctx context.Context, _ string, token string) (context.Context, error) {
	c, err := verify(s.cfg.Secret, token, s.cfg.Now())
	if err != nil {
		return nil, &foundry.HTTPError{Status: http.StatusUnauthorized, Message: "Unauthorized: " + err.Error()}
	}
	if c.Use != "id" {
		return nil, &foundry.HTTPError{Status: http.StatusUnauthorized, Message: "Unauthorized: send the idToken, not the " + c.Use + "Token"}
	}
	s.mu.RLock()
	u := s.users[c.Email]
	s.mu.RUnlock()
	switch {
	case u == nil:
		return nil, &foundry.HTTPError{Status: http.StatusUnauthorized, Message: "Unauthorized: unknown user"}
	case u.suspended:
		return nil, foundry.ErrForbidden
	}
	return context.WithValue(ctx, principalKey{}, u), nil
}

// HandleAPIKey accepts the ledger's key; a wrong one is forbidden.
func (s *Sandbox) HandleAPIKey(ctx context.Context, _ string, key string) (context.Context, error) {
	if !s.ledger.validKey(key) {
		return nil, &foundry.HTTPError{Status: http.StatusForbidden, Message: "Invalid API key"}
	}
	return ctx, nil
}
