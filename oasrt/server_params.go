package oasrt

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ParseQuery parses the request's query. One that does not parse is
// refused, never read in part (which would drop filters): bad escapes,
// semicolons, too many parameters: the error answers 400.
func ParseQuery(r *http.Request) (url.Values, error) {
	if r.URL.RawQuery == "" {
		return nil, nil
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &RequestError{Status: http.StatusBadRequest, In: "query", Err: err}
	}
	return query, nil
}

// The errors of a parameter or form field given wrongly.
var (
	ErrRequired = errors.New("is required")
	ErrRepeated = errors.New("is given more than once")
	ErrEmpty    = errors.New("is empty, which the API description does not allow (allowEmptyValue)")
)

// OneValue is the one value of name in values (a query or a form): ok is
// false when it is absent, and a value given twice is an error, refused
// rather than guessed (which one would a proxy or a log have read?).
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run.
//
//go:noinline
func OneValue(values map[string][]string, name string) (value string, ok bool, err error) {
	switch items := values[name]; len(items) {
	case 0:
		return "", false, nil
	case 1:
		return items[0], true, nil
	}
	return "", false, ErrRepeated
}

// StringValue reads the one value of name in values (see OneValue) into
// *dst, a string field: ErrRequired when it is absent.
// Not inlined, as OneValue.
//
//go:noinline
func StringValue(values map[string][]string, name string, dst *string) error {
	raw, ok, err := OneValue(values, name)
	if err == nil && !ok {
		err = ErrRequired
	}
	*dst = raw
	return err
}

// OptionalString reads the one value of name in values (see OneValue)
// into *dst, an optional string field, left nil when it is absent.
// Not inlined, as OneValue.
//
//go:noinline
func OptionalString(values map[string][]string, name string, dst **string) error {
	raw, ok, err := OneValue(values, name)
	if ok {
		*dst = &raw
	}
	return err
}

// queryValue reads the one value of name in query, as OneValue does, for
// an optional parameter: ok is false when it is absent; an empty value is
// ErrEmpty.
func queryValue(query url.Values, name string) (raw string, ok bool, err error) {
	raw, ok, err = OneValue(query, name)
	if ok && raw == "" {
		return "", false, ErrEmpty
	}
	return raw, ok, err
}

// QueryString reads the one value of name in query into *dst, an
// optional parameter left nil when it is absent (see queryValue).
// Not inlined, as OneValue.
//
//go:noinline
func QueryString(query url.Values, name string, dst **string) error {
	raw, ok, err := queryValue(query, name)
	if ok {
		*dst = &raw
	}
	return err
}

// QueryInt64 is QueryString for an int64 parameter.
// Not inlined, as OneValue.
//
//go:noinline
func QueryInt64(query url.Values, name string, dst **int64) error {
	raw, ok, err := queryValue(query, name)
	if !ok {
		return err
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return err
	}
	*dst = &n
	return nil
}

// QueryBool is QueryString for a boolean parameter.
// Not inlined, as OneValue.
//
//go:noinline
func QueryBool(query url.Values, name string, dst **bool) error {
	raw, ok, err := queryValue(query, name)
	if !ok {
		return err
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return err
	}
	*dst = &v
	return nil
}

// BearerToken returns the token of an "Authorization: Bearer" header.
func BearerToken(r *http.Request) (string, error) { return Authorization(r, "Bearer") }

// Authorization returns the credentials of an "Authorization: <scheme>"
// header.
func Authorization(r *http.Request, scheme string) (string, error) {
	word, creds, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(word, scheme) || strings.TrimSpace(creds) == "" {
		return "", fmt.Errorf("%w: want an Authorization: %s header", ErrMissingCredentials, scheme)
	}
	return strings.TrimSpace(creds), nil
}

// APIKey returns an API key from the header, query or cookie name.
func APIKey(r *http.Request, in, name string) (string, error) {
	var key string
	switch in {
	case "query":
		key = r.URL.Query().Get(name)
	case "cookie":
		if c, err := r.Cookie(name); err == nil {
			key = c.Value
		}
	default:
		key = r.Header.Get(name)
	}
	if key == "" {
		return "", fmt.Errorf("%w: want the API key in the %s %s", ErrMissingCredentials, in, name)
	}
	return key, nil
}

// CookieValue returns the value of the named cookie, or "".
func CookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

// SplitPairs turns k=v items into a key, value, key, value list.
func SplitPairs(items []string) []string {
	pairs := make([]string, 0, 2*len(items))
	for _, item := range items {
		k, v, _ := strings.Cut(item, "=")
		pairs = append(pairs, k, v)
	}
	return pairs
}
