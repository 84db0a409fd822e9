package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// claims are what the sandbox puts in its tokens. Use says which of the
// three tokens it is: "id", "access" or "refresh", as Cognito's token_use.
type claims struct {
	Sub   string `json:"sub"`
	Email string `json:"email,omitempty"`
	Use   string `json:"token_use"`
	Iat   int64  `json:"iat"`
	Exp   int64  `json:"exp"`
	Jti   string `json:"jti"`
}

var (
	errBadToken     = errors.New("malformed or wrongly signed token")
	errExpiredToken = errors.New("token expired")
)

var b64 = base64.RawURLEncoding

// sign makes an HS256 JWT with a kid header, like the tokens of the real
// service (which come from a Cognito user pool).
func sign(secret []byte, c claims) string {
	header := b64.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT","kid":"sandbox"}`))
	payload, _ := json.Marshal(c)
	unsigned := header + "." + b64.EncodeToString(payload)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(unsigned))
	return unsigned + "." + b64.EncodeToString(mac.Sum(nil))
}

// verify checks a token's signature and expiry and returns its claims.
func verify(secret []byte, tok string, now time.Time) (claims, error) {
	var c claims
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return c, errBadToken
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	sig, err := b64.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return c, errBadToken
	}
	payload, err := b64.DecodeString(parts[1])
	if err != nil || json.Unmarshal(payload, &c) != nil {
		return c, errBadToken
	}
	if now.Unix() >= c.Exp {
		return c, errExpiredToken
	}
	return c, nil
}
