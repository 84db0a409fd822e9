package ir

// SchemeKind is the kind of a security scheme.
type SchemeKind int

// The kinds of security scheme.
const (
	HTTPBearer SchemeKind = iota
	HTTPBasic
	APIKey
	OAuth2
	OpenIDConnect
	HTTPOther // another HTTP scheme (digest...): "Authorization: <HTTPScheme> <credentials>"
	MutualTLS // a client certificate, presented by the transport
)

// SecurityScheme is a security scheme of the spec's components.
type SecurityScheme struct {
	// Name is the scheme's key in the spec.
	Name   string
	GoName string
	// Option is the Go name of the client option that sets the scheme's
	// credentials; SourceOption, for token schemes, the one that takes a
	// TokenSource; LoginOption, for a scheme with a TokenFlow, the one
	// that takes a user name and password.
	Option       string
	SourceOption string
	LoginOption  string
	Kind         SchemeKind
	Doc          string
	// HTTPScheme is the scheme word of an HTTPOther scheme ("Digest").
	HTTPScheme string
	// In and ParamName say where an API key travels.
	In        ParamIn
	ParamName string
	// TokenFlow is set when the scheme describes how to obtain and renew
	// its token (the x-token-flow extension).
	TokenFlow *TokenFlow
}

// SecurityUse is one scheme required by an operation.
type SecurityUse struct {
	Scheme *SecurityScheme
	Scopes []string
}

// TokenFlow describes how a client obtains a bearer token by logging in and
// renews it, as written in a scheme's x-token-flow extension.
type TokenFlow struct {
	// Login and Refresh are the operations that issue tokens.
	Login   *Operation
	Refresh *Operation
	// UsernameField and PasswordField are the JSON names of the login
	// body's credential properties.
	UsernameField string
	PasswordField string
	// RefreshField is the JSON name of the refresh body's property that
	// carries the refresh token.
	RefreshField string
	// Token and RefreshToken are JSON pointers into the success body of
	// both operations: the token to send, and the token to refresh with.
	Token        string
	RefreshToken string
	// Expiry says how the client learns when the token expires; "jwt-exp"
	// reads the exp claim of the token.
	Expiry string
}
