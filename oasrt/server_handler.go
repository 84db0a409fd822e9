package oasrt

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// NotImplemented is the error UnimplementedServer answers op with.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func NotImplemented(op string) error {
	return &HTTPError{Status: http.StatusNotImplemented, Message: op + " is not implemented"}
}

// Handler is the engine of a generated server's handler: routing, 404
// and 405, credentials, body limits, errors in the API's documented
// shapes, recovery. A generated package's options set its exported
// fields between Init and Serve.
type Handler struct {
	Schemes map[string]func(ctx context.Context, r *http.Request, op string) (context.Context, error)
	// MaxBody is the most read of a request body (1 MiB by default).
	MaxBody  int64
	OnError  func(w http.ResponseWriter, r *http.Request, err error)
	MapError func(err error) *HTTPError
	// Detail puts the text of implementation errors in 500 answers.
	Detail bool
	Log    *slog.Logger
	Wrap   []func(http.Handler) http.Handler
	OpWrap []func(http.Handler) http.Handler // around each operation, after routing

	mux    *http.ServeMux
	paths  *http.ServeMux // the same paths without methods, to tell 405 from 404
	allow  map[string][]string
	extra  []*fallbackRoute // routes ServeMux cannot take, most specific first
	errors ErrorShapes
}

// Operation is the handler of the operation info, named op: fn, behind
// the operation middlewares, given the request with info in its context.
// fn answers the request, or returns the error to answer it with (one
// call of Fail here rather than one at each place fn can fail: that is
// less code to compile).
func (h *Handler) Operation(info *OperationInfo, op string, fn func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	var next http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			h.Fail(w, r, op, err)
		}
	})
	for i := len(h.OpWrap) - 1; i >= 0; i-- {
		next = h.OpWrap[i](next)
	}
	pattern := info.Method + " " + info.Route
	return func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, WithOperation(r, info, pattern))
	}
}

// HTTPError is an answer with a status and a message, written in the
// operation's documented error shape. An implementation may return one
// (or wrap one) to answer with a documented status.
type HTTPError struct {
	Status  int
	Message string
	Err     error
}

func (e *HTTPError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Status, e.Message, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Message)
}

func (e *HTTPError) Unwrap() error { return e.Err }

// ErrForbidden is what a SecurityHandler returns (or wraps) to refuse
// valid credentials that lack permission: the answer is 403 Forbidden.
// An *HTTPError it returns is answered as it says; any other error with
// 401 Unauthorized.
var ErrForbidden = errors.New("forbidden")

// ErrMissingCredentials marks a request that carries no credentials of a
// scheme.
var ErrMissingCredentials = errors.New("missing credentials")

// RequestError describes a request that does not match the API
// description; it is answered with Status (400, 413 or 415).
type RequestError struct {
	Status int
	// In is where the problem is: path, query, header, cookie or body.
	In string
	// Name is the parameter, or the field of the body, when there is one.
	Name string
	Err  error
}

func (e *RequestError) Error() string {
	switch {
	case e.Name == "":
		return e.In + ": " + e.Err.Error()
	case e.In == "body":
		return "body field " + strconv.Quote(e.Name) + ": " + e.Err.Error()
	}
	return e.In + " parameter " + strconv.Quote(e.Name) + ": " + e.Err.Error()
}

func (e *RequestError) Unwrap() error { return e.Err }

// BadParam reports a parameter that breaks its rule or does not parse.
func BadParam(in, name string, err error) *RequestError {
	var fe *FieldError
	var ne *strconv.NumError
	var te *time.ParseError
	switch {
	case errors.As(err, &fe):
		err = errors.New(fe.Msg())
		if at := fe.Where(); at != "" && name != "" && at[0] != '[' {
			name += "." + at
		} else {
			name += at
		}
	case errors.As(err, &ne):
		err = fmt.Errorf("%q is not a valid %s", ne.Num, map[bool]string{true: "number", false: "integer"}[ne.Func == "ParseFloat"])
		if ne.Func == "ParseBool" {
			err = fmt.Errorf("%q is not true or false", ne.Num)
		}
	case errors.As(err, &te):
		err = fmt.Errorf("%q is not an RFC 3339 date-time", te.Value)
	}
	return &RequestError{Status: http.StatusBadRequest, In: in, Name: name, Err: err}
}

// Init makes h a handler with the defaults (a body limit of 1 MiB,
// slog.Default()) that writes errors as shapes says.
func (h *Handler) Init(shapes ErrorShapes) {
	*h = Handler{
		mux:     http.NewServeMux(),
		paths:   http.NewServeMux(),
		allow:   map[string][]string{},
		Schemes: map[string]func(context.Context, *http.Request, string) (context.Context, error){},
		MaxBody: 1 << 20,
		Log:     slog.Default(),
		errors:  shapes,
	}
	// Every request goes through h.mux once; what no operation's pattern
	// takes lands here ("/" is less specific than any of them).
	h.mux.HandleFunc("/", h.unrouted)
}

// ImplementationError answers 500 for a bug of the implementation (a nil
// or undocumented response) and logs it with the operation's name.
func (h *Handler) ImplementationError(w http.ResponseWriter, r *http.Request, op string, err error) {
	h.Log.Error("implementation error", "op", op, "method", r.Method, "path", r.URL.Path, "err", err)
	h.Fail(w, r, op, err)
}

// Undocumented answers 500 for a response of op's implementation that
// the operation does not document.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func (h *Handler) Undocumented(w http.ResponseWriter, r *http.Request, op string, resp any) {
	h.ImplementationError(w, r, op, fmt.Errorf("%s returned no documented response (%T)", op, resp))
}

// PathValue is the value of the path wildcard name.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func PathValue(r *http.Request, name string) string { return r.PathValue(name) }

// PathString reads the path wildcard name into *dst, a required string
// parameter: ErrRequired when it is empty.
// Not inlined, as PathValue.
//
//go:noinline
func PathString(r *http.Request, name string, dst *string) error {
	*dst = r.PathValue(name)
	if *dst == "" {
		return ErrRequired
	}
	return nil
}

// PathInt64 reads the path wildcard name into *dst, a required integer
// parameter: ErrRequired when it is empty, strconv's error when it is
// not an integer.
// Not inlined, as PathValue.
//
//go:noinline
func PathInt64(r *http.Request, name string, dst *int64) error {
	raw := r.PathValue(name)
	if raw == "" {
		return ErrRequired
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return err
	}
	*dst = n
	return nil
}

// Fail answers err for operation op ("" outside any operation).
func (h *Handler) Fail(w http.ResponseWriter, r *http.Request, op string, err error) {
	if h.OnError != nil {
		h.OnError(w, r, err)
		return
	}
	var re *RequestError
	var he *HTTPError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		// A streamed request body read past the limit.
		h.errors.Write(w, op, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: larger than %d bytes", tooBig.Limit))
	case errors.As(err, &re):
		h.errors.Write(w, op, re.Status, re.Error())
	case errors.As(err, &he):
		h.errors.Write(w, op, he.Status, he.Message)
	default:
		if h.MapError != nil {
			if he := h.MapError(err); he != nil {
				h.errors.Write(w, op, he.Status, he.Message)
				return
			}
		}
		msg := http.StatusText(http.StatusInternalServerError)
		if h.Detail {
			msg = err.Error()
		}
		h.errors.Write(w, op, http.StatusInternalServerError, msg)
	}
}

// Start begins serving the operation op: it authenticates the request
// against security (not at all when nil; see Authenticate), then parses
// its query (see ParseQuery); an error is the answer.
func (h *Handler) Start(r *http.Request, op string, security [][]string) (context.Context, url.Values, error) {
	ctx := r.Context()
	if security != nil {
		var err error
		if ctx, err = h.Authenticate(r, op, security); err != nil {
			return nil, nil, err
		}
	}
	query, err := ParseQuery(r)
	if err != nil {
		return nil, nil, err
	}
	return ctx, query, nil
}

// Authenticate checks the request against the operation's security
// alternatives and returns the context the security handler gave.
func (h *Handler) Authenticate(r *http.Request, op string, security [][]string) (context.Context, error) {
	ctx := r.Context()
	var failure error
	for _, alt := range security {
		actx, err := ctx, error(nil)
		for _, scheme := range alt {
			if actx, err = h.Schemes[scheme](actx, r, op); err != nil {
				break
			}
		}
		if err == nil {
			return actx, nil
		}
		if failure == nil || errors.Is(err, ErrForbidden) || errors.Is(failure, ErrMissingCredentials) {
			failure = err
		}
	}
	var he *HTTPError
	if errors.As(failure, &he) {
		return nil, he
	}
	if errors.Is(failure, ErrForbidden) {
		return nil, &HTTPError{Status: http.StatusForbidden, Message: http.StatusText(http.StatusForbidden), Err: failure}
	}
	msg := "invalid credentials"
	if errors.Is(failure, ErrMissingCredentials) {
		msg = failure.Error()
	}
	return nil, &HTTPError{Status: http.StatusUnauthorized, Message: msg, Err: failure}
}
