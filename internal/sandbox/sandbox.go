// Package sandbox is an in-memory Foundry Platform and Segment Ledger
// service built on the generated server, for client developers to work
// against (see cmd/sandbox) and for end-to-end tests.
package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// Config is what the sandbox starts with.
type Config struct {
	// Username (an e-mail address) and Password of the seeded user.
	Username string
	Password string
	// LedgerKey is the x-api-key of the seeded ledger.
	LedgerKey string
	// TokenTTL is the lifetime of the tokens login and refresh issue.
	TokenTTL time.Duration
	// Secret signs the tokens; a random one when empty.
	Secret []byte
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Fault, when set, is asked before every operation; a status it
	// returns (not 0) is answered instead, in the documented error shape.
	// Tests use it to reach statuses no ordinary request produces.
	Fault func(op string) int
}

// Defaults are the seeded credentials cmd/sandbox prints.
const (
	DefaultUsername  = "demo@example.com"
	DefaultPassword  = "demo-password"
	DefaultLedgerKey = "demo-ledger-key"
)

// Sandbox is the service's state; it is safe for concurrent use.
type Sandbox struct {
	cfg Config
	mu  sync.RWMutex
	n   int // sequence for ids

	users   map[string]*user // by username
	revoked map[string]bool  // refresh token ids already used
	orders  map[string]*order
	// ordersBy lists each user's orders, oldest first.
	ordersBy map[string][]*order
	ledger   *ledger
}

type user struct {
	id        string
	username  string
	password  string
	name      string
	phone     string
	suspended bool
	created   time.Time
}

type principalKey struct{}

// New returns a sandbox with one user and one ledger.
func New(cfg Config) *Sandbox {
	if cfg.Username == "" {
		cfg.Username = DefaultUsername
	}
	if cfg.Password == "" {
		cfg.Password = DefaultPassword
	}
	if cfg.LedgerKey == "" {
		cfg.LedgerKey = DefaultLedgerKey
	}
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.Secret) == 0 {
		cfg.Secret = make([]byte, 32)
		_, _ = rand.Read(cfg.Secret)
	}
	now := cfg.Now().UTC().Truncate(time.Millisecond)
	s := &Sandbox{
		cfg:      cfg,
		users:    map[string]*user{},
		revoked:  map[string]bool{},
		orders:   map[string]*order{},
		ordersBy: map[string][]*order{},
	}
	s.users[cfg.Username] = &user{id: "usr_1", username: cfg.Username, password: cfg.Password, name: "Demo Client", phone: "+44 20 7946 0000", created: now}
	s.ledger = newLedger(cfg.LedgerKey, now.Truncate(time.Second))
	return s
}

// Handler serves the API, plus the sandbox-only transaction status route
// (see handleStatus).
func (s *Sandbox) Handler() http.Handler {
	api := foundry.NewHandler(s, s, foundry.WithErrorMapper(mapError))
	mux := http.NewServeMux()
	mux.HandleFunc("POST /sandbox/v1/ledger/transactions/{id}/status", s.handleStatus)
	mux.Handle("/", api)
	return mux
}

// AddUser adds a user, for tests; suspended users get 403 on every
// Foundry operation.
func (s *Sandbox) AddUser(username, password string, suspended bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	s.users[username] = &user{id: fmt.Sprintf("usr_%d", s.n+1), username: username, password: password, suspended: suspended, created: s.now()}
}

func (s *Sandbox) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Millisecond) }

// id returns a new random id with a prefix.
func newID(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// fault answers the configured fault for op, if any.
func (s *Sandbox) fault(op string) error {
	if s.cfg.Fault == nil {
		return nil
	}
	if status := s.cfg.Fault(op); status != 0 {
		return &foundry.HTTPError{Status: status, Message: http.StatusText(status)}
	}
	return nil
}

// errNotFound and errInvalid are domain errors the mapper turns into
// documented answers.
var (
	errNotFound = errors.New("not found")
	errInvalid  = errors.New("invalid request")
)

func mapError(err error) *foundry.HTTPError {
	switch {
	case errors.Is(err, errNotFound):
		return &foundry.HTTPError{Status: http.StatusNotFound, Message: err.Error()}
	case errors.Is(err, errInvalid):
		return &foundry.HTTPError{Status: http.StatusBadRequest, Message: err.Error()}
	}
	return nil
}

// principal returns the user a Foundry request was authenticated as.
func principal(ctx context.Context) *user {
	u, _ := ctx.Value(principalKey{}).(*user)
	return u
}
