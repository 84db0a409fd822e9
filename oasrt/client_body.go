package oasrt

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// limitedBody is a response body that ends with an error wrapping
// ErrResponseTooLarge past the client's limit.
type limitedBody struct {
	body   io.ReadCloser
	left   int64
	op     string
	limit  int64
	tooBig bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.tooBig {
		return 0, b.tooLarge()
	}
	if b.left <= 0 {
		// One byte more tells a body of exactly the limit from a larger one.
		var one [1]byte
		for {
			n, err := b.body.Read(one[:])
			if n > 0 {
				b.tooBig = true
				return 0, b.tooLarge()
			}
			if err != nil {
				return 0, err
			}
		}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.body.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) tooLarge() error {
	return fmt.Errorf("%s: response body larger than %d bytes (WithMaxResponseBytes): %w", b.op, b.limit, ErrResponseTooLarge)
}

func (b *limitedBody) Close() error { return b.body.Close() }

// UnexpectedStatusError is returned for a status the operation does not
// document, or for a documented error whose body does not decode. It holds
// the start of the body (at most 4 KiB) to help find out why.
type UnexpectedStatusError struct {
	Op         string
	StatusCode int
	Header     http.Header
	Body       []byte
	// Err is why a documented body did not decode, if that is the case.
	Err error
}

func (e *UnexpectedStatusError) Error() string {
	msg := fmt.Sprintf("%s: unexpected status %d %s: %q", e.Op, e.StatusCode, http.StatusText(e.StatusCode), e.Body)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *UnexpectedStatusError) Unwrap() error { return e.Err }

const snippetSize = 4 << 10

// Unexpected is the UnexpectedStatusError of resp: cause, and body, or
// the start of the body read now when body is nil.
func Unexpected(op string, resp *http.Response, cause error, body []byte) error {
	if body == nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, snippetSize))
	}
	if len(body) > snippetSize {
		body = body[:snippetSize]
	}
	return &UnexpectedStatusError{Op: op, StatusCode: resp.StatusCode, Header: resp.Header, Body: body, Err: cause}
}

// DecodeJSON decodes a success response body into v. A Content-Type that
// is not JSON (an HTML error page from a proxy, say) is an error.
func DecodeJSON(op string, resp *http.Response, v any) error {
	if err := WantJSON(resp); err != nil {
		return fmt.Errorf("%s: %d response: %w", op, resp.StatusCode, err)
	}
	data, err := readResponse(resp, nil, 0)
	if err != nil {
		return fmt.Errorf("%s: read %d response: %w", op, resp.StatusCode, err)
	}
	if err := Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: decode %d response: %w", op, resp.StatusCode, err)
	}
	return nil
}

// maxErrorBody bounds what is read of an error response.
const maxErrorBody = 1 << 20

// DecodeError decodes the body of a documented error response into v, or
// returns an UnexpectedStatusError when it does not decode: not JSON,
// malformed, or without one of the required properties of the documented
// body.
func DecodeError(op string, resp *http.Response, v any, required ...string) error {
	data, err := readError(resp)
	if err == nil {
		err = Unmarshal(data, v)
	}
	return checkError(op, resp, data, err, required)
}

// readError reads the body of a documented error response, up to
// maxErrorBody, and checks that it says it is JSON.
func readError(resp *http.Response) ([]byte, error) {
	data, err := readResponse(resp, nil, maxErrorBody)
	if err == nil {
		err = WantJSON(resp)
	}
	return data, err
}

// checkError is what reading the documented error body data met: err,
// or a missing required property, as an UnexpectedStatusError; nil when
// the body is the documented one.
func checkError(op string, resp *http.Response, data []byte, err error, required []string) error {
	if err == nil && len(required) > 0 {
		err = MissingProperty(data, required)
	}
	if err != nil {
		return Unexpected(op, resp, err, data)
	}
	return nil
}

// ReadBody reads a whole response body.
func ReadBody(op string, resp *http.Response) ([]byte, error) {
	data, err := readResponse(resp, nil, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: read %d response: %w", op, resp.StatusCode, err)
	}
	return data, nil
}

// readResponse reads a response body to its end, or its first max bytes
// when max > 0, appending to buf, and allocates about what it reads: a
// body of stated length is read into a buffer of that length; one of
// unknown length fills what buf has room for, then pooled chunks, copied
// once into a buffer of its length at its end. A body that states more
// than the call's limit is not read at all.
func readResponse(resp *http.Response, buf []byte, max int64) ([]byte, error) {
	size := resp.ContentLength
	if lb := limitOf(resp); lb != nil && size > lb.left {
		lb.tooBig = true
		return buf, lb.tooLarge()
	}
	if size == 0 {
		return buf, nil
	}
	var r io.Reader = resp.Body
	if max > 0 {
		r = io.LimitReader(r, max)
		size = min(size, max)
	}
	if size > 0 && size >= int64(cap(buf)-len(buf)) {
		// One byte more lets the end be read without growing.
		buf = append(make([]byte, 0, int64(len(buf))+size+1), buf...)
	}
	buf, done, err := fill(r, buf)
	if done || err != nil {
		return buf, err
	}
	return ReadChunks(r, buf)
}

// limitOf is the limitedBody under a response body the client opened, or
// nil.
func limitOf(resp *http.Response) *limitedBody {
	if cb, ok := resp.Body.(*cancelBody); ok {
		lb, _ := cb.ReadCloser.(*limitedBody)
		return lb
	}
	return nil
}

// DecodeJSONWith reads a success response body with decode, the generated
// reader of its type, through a pooled buffer: the readers copy what they
// keep. A Content-Type that is not JSON is an error.
func DecodeJSONWith(op string, resp *http.Response, decode func(d *Decoder) error) error {
	if err := WantJSON(resp); err != nil {
		return fmt.Errorf("%s: %d response: %w", op, resp.StatusCode, err)
	}
	buf := GetBuffer()
	data, err := readResponse(resp, *buf, 0)
	defer PutBuffer(buf, data)
	if err != nil {
		return fmt.Errorf("%s: read %d response: %w", op, resp.StatusCode, err)
	}
	if err := DecodeJSONDocument(data, decode); err != nil {
		return fmt.Errorf("%s: decode %d response: %w", op, resp.StatusCode, err)
	}
	return nil
}

// ErrorResponse is what a call returns for the documented error response
// out, whose body decode reads (see DecodeErrorWith): the error reading it
// met, or out, recorded in the caller's ResponseInfo (see Failed).
func ErrorResponse(opts []RequestOption, out error, op string, resp *http.Response, decode func(d *Decoder) error, required ...string) error {
	return Failed(opts, out, DecodeErrorWith(op, resp, decode, required...))
}

// DecodeErrorWith reads the body of a documented error response with
// decode, as DecodeError does with encoding/json.
func DecodeErrorWith(op string, resp *http.Response, decode func(d *Decoder) error, required ...string) error {
	data, err := readError(resp)
	if err == nil {
		err = DecodeJSONDocument(data, decode)
	}
	return checkError(op, resp, data, err, required)
}

// Stream hands a response body to the caller unread: it is not cut at the
// client's size limit (the caller reads what it wants), and closing it
// ends the call.
func Stream(resp *http.Response) io.ReadCloser {
	if lb := limitOf(resp); lb != nil {
		lb.left = math.MaxInt64
	}
	return resp.Body
}

// ErrorText is the Error() text of a documented error response: where
// (the operation), the status and the server's message, cut short.
func ErrorText(where string, status int, msg string) string {
	s := where + ": " + strconv.Itoa(status) + " " + http.StatusText(status)
	if msg == "" {
		return s
	}
	if len(msg) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "..."
	}
	return s + ": " + msg
}

// maxMessage is how much of a server's message ErrorText quotes.
const maxMessage = 500
