package oasrt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// ReadBody reads a request body within the size limit after checking its
// media type against the accepted ones ("" accepts any): only the media
// types the operation declares (application/merge-patch+json is not
// application/json), or those a declared wildcard covers. With pooled, the
// body is read into a buffer from a pool, which the caller gives back with
// ReleaseBody once nothing refers to it.
func (h *Handler) ReadBody(w http.ResponseWriter, r *http.Request, required, pooled bool, accept ...string) ([]byte, error) {
	if present, err := h.bodyStart(r, required); !present {
		return nil, err
	}
	var buf []byte
	if pooled {
		buf = *bodyPool.Get().(*[]byte)
	}
	if n := r.ContentLength; n > 0 && int64(cap(buf)) <= n {
		buf = make([]byte, 0, n+1) // +1 to see the end without growing
	}
	data, err := ReadAll(http.MaxBytesReader(w, r.Body, h.MaxBody), buf)
	if err != nil {
		ReleaseBody(data)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, h.TooLarge()
		}
		return nil, &RequestError{Status: http.StatusBadRequest, In: "body", Err: err}
	}
	if len(data) == 0 {
		// A body of unstated length that was empty.
		ReleaseBody(data)
		if required {
			return nil, bodyRequired()
		}
		return nil, nil
	}
	ct := r.Header.Get("Content-Type")
	for _, a := range accept {
		if a == "" || MediaIs(ct, a) {
			return data, nil
		}
	}
	ReleaseBody(data)
	return nil, UnsupportedMedia(ct, accept...)
}

// bodyStart checks a request body before it is read: one whose stated
// length is over the limit is refused (413); one that states it is empty
// is absent (false), which a required body may not be (400).
func (h *Handler) bodyStart(r *http.Request, required bool) (bool, error) {
	if r.ContentLength > h.MaxBody {
		return false, h.TooLarge()
	}
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		if required {
			return false, bodyRequired()
		}
		return false, nil
	}
	return true, nil
}

// TooLarge is the error of a request body over the limit.
func (h *Handler) TooLarge() error {
	return &RequestError{Status: http.StatusRequestEntityTooLarge, In: "body", Err: fmt.Errorf("larger than %d bytes", h.MaxBody)}
}

// bodyRequired is the error of a required request body that is absent.
func bodyRequired() error {
	return &RequestError{Status: http.StatusBadRequest, In: "body", Err: errors.New("a request body is required")}
}

// UnsupportedMedia is the error of a request body whose Content-Type is
// none of the accepted ones.
func UnsupportedMedia(ct string, accept ...string) error {
	return &RequestError{Status: http.StatusUnsupportedMediaType, In: "body", Err: fmt.Errorf("Content-Type %q: want %s", ct, strings.Join(accept, " or "))}
}

// bodyPool holds buffers request bodies are read into.
var bodyPool = sync.Pool{New: func() any {
	buf := make([]byte, 0, 4<<10)
	return &buf
}}

// ReleaseBody gives a body buffer back to the pool; large ones are
// dropped, so the pool does not keep an outlier's memory.
//
//go:noinline
func ReleaseBody(data []byte) {
	if data != nil && cap(data) <= 4<<20 {
		data = data[:0]
		bodyPool.Put(&data)
	}
}

// encodePool holds the buffers JSON responses are encoded into.
var encodePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteJSON encodes v into a pooled buffer, then writes it as a response
// with its Content-Length. Nothing is written when v does not encode: the
// request fails with that error.
func (h *Handler) WriteJSON(w http.ResponseWriter, r *http.Request, op string, status int, header http.Header, contentType string, v any) {
	buf := encodePool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 4<<20 {
			encodePool.Put(buf)
		}
	}()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		h.Fail(w, r, op, fmt.Errorf("%s: encode response: %w", op, err))
		return
	}
	WriteBody(w, status, header, contentType, buf.Bytes())
}

// DecodeStrictJSON checks the JSON document data against r in one pass
// over its bytes, as DecodeStrict does, sizes slices with prepare, and
// then reads it with decode, the generated reader of its type.
func DecodeStrictJSON(data []byte, r *Rule, prepare func(count func(name string) int), decode func(d *Decoder) error) error {
	if err := CheckStrict(data, r, prepare); err != nil {
		return err
	}
	return DecodeJSONDocument(data, decode)
}

// WriteJSONWith encodes a response body with encode, the generated
// writer of its type, into a pooled buffer, then writes it with its
// Content-Length. Nothing is written when the value does not encode: the
// request fails with that error.
func (h *Handler) WriteJSONWith(w http.ResponseWriter, r *http.Request, op string, status int, header http.Header, contentType string, encode func(b []byte) ([]byte, error)) {
	buf := GetBuffer()
	b, err := encode(*buf)
	if err == nil {
		b = append(b, '\n')
		WriteBody(w, status, header, contentType, b)
	}
	PutBuffer(buf, b)
	if err != nil {
		h.Fail(w, r, op, fmt.Errorf("%s: encode response: %w", op, err))
	}
}

// WriteStream writes status and then copies body out as it is read,
// without buffering it, and closes it.
func WriteStream(w http.ResponseWriter, status int, header http.Header, contentType string, body io.ReadCloser) {
	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if contentType != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(status)
	if body == nil {
		return
	}
	defer body.Close()
	src := &sourceErr{r: body}
	if _, err := io.Copy(w, src); err != nil && src.err != nil {
		// The body failed mid-way. The status is out: end the response
		// short of its end, so that the client sees an error rather than
		// a body that looks whole. (A write error is the client gone.)
		panic(http.ErrAbortHandler)
	}
}

// sourceErr remembers the error its reader returned, to tell a failing
// body from a client gone.
type sourceErr struct {
	r   io.Reader
	err error
}

func (s *sourceErr) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// StreamBody checks a raw request body's media type and hands it over
// unread, bounded by the body limit (reading past it fails with an
// *http.MaxBytesError, which makes a 413); nil when an optional body is
// absent.
func (h *Handler) StreamBody(w http.ResponseWriter, r *http.Request, required bool, accept ...string) (io.Reader, error) {
	if present, err := h.bodyStart(r, required); !present {
		return nil, err
	}
	ct := r.Header.Get("Content-Type")
	for _, a := range accept {
		if a == "" || MediaIs(ct, a) {
			return http.MaxBytesReader(w, r.Body, h.MaxBody), nil
		}
	}
	return nil, UnsupportedMedia(ct, accept...)
}

// multipartMemory is how much of a multipart body's files a server holds
// in memory; the rest goes to temporary files, removed once the handler
// returns.
const multipartMemory = 8 << 20

// ReadMultipart reads a multipart/form-data request body from the
// connection, within the body limit; nil when an optional body is absent.
func (h *Handler) ReadMultipart(w http.ResponseWriter, r *http.Request, required bool) (*multipart.Form, error) {
	if present, err := h.bodyStart(r, required); !present {
		return nil, err
	}
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" {
		return nil, UnsupportedMedia(ct, "multipart/form-data")
	}
	if params["boundary"] == "" {
		return nil, &RequestError{Status: http.StatusBadRequest, In: "body", Err: errors.New("multipart/form-data without a boundary")}
	}
	form, err := multipart.NewReader(http.MaxBytesReader(w, r.Body, h.MaxBody), params["boundary"]).ReadForm(multipartMemory)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, h.TooLarge()
		}
		return nil, &RequestError{Status: http.StatusBadRequest, In: "body", Err: err}
	}
	return form, nil
}

// ErrorShape says how to write a message and a status into an error body
// of the API description: which properties take which.
type ErrorShape struct {
	Message []string
	Status  []string
	Code    []string // take ErrorCode(status)
	Text    []string // take the status text
	Nested  map[string]*ErrorShape
}

func (s *ErrorShape) fill(status int, msg string) map[string]any {
	body := map[string]any{}
	for _, p := range s.Message {
		body[p] = msg
	}
	for _, p := range s.Status {
		body[p] = status
	}
	for _, p := range s.Code {
		body[p] = ErrorCode(status)
	}
	for _, p := range s.Text {
		body[p] = http.StatusText(status)
	}
	for p, sub := range s.Nested {
		body[p] = sub.fill(status, msg)
	}
	return body
}

// ErrorShapes says how a server writes its errors: Shapes by name, Ops
// the name of the shape of each operation's documented error statuses
// (see ErrorTable), Default the shape outside any operation.
type ErrorShapes struct {
	Shapes  map[string]*ErrorShape
	Ops     map[string]map[string]string
	Default string
}

// Write writes status with a body in the error shape the operation
// documents for it: the exact status, its range, default, another of the
// operation's error bodies, or the API's most common one.
func (e ErrorShapes) Write(w http.ResponseWriter, op string, status int, msg string) {
	shapes := e.Shapes
	docs := e.Ops[op]
	name, ok := docs[strconv.Itoa(status)]
	if !ok {
		name, ok = docs[strconv.Itoa(status/100)+"XX"]
	}
	if !ok {
		name, ok = docs["default"]
	}
	if !ok {
		name, ok = docs["any"]
	}
	if !ok {
		name = e.Default
	}
	var body any = map[string]any{"error": msg}
	if s := shapes[name]; s != nil {
		body = s.fill(status, msg)
	}
	data, _ := json.Marshal(body)
	data = append(data, '\n')
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
