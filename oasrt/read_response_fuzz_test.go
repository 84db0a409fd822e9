package oasrt

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"
	"testing/iotest"
)

// FuzzReadResponse checks readResponse on any body, read in pieces of any
// size, under any limit, any cut (max) and any stated Content-Length, true
// or not: it returns the body, or its first max bytes, whatever length is
// stated; a body past the limit is an error wrapping ErrResponseTooLarge;
// one that states a length past the limit is refused before any read.
func FuzzReadResponse(f *testing.F) {
	f.Add([]byte(`{"id":"a"}`), uint16(1), uint32(100), uint32(0), uint8(0), uint8(3), uint16(0))
	f.Add([]byte(`{"id":"a"}`), uint16(1), uint32(10), uint32(0), uint8(1), uint8(1), uint16(16))
	f.Add([]byte(`{"id":"a"}`), uint16(1), uint32(9), uint32(0), uint8(0), uint8(2), uint16(0))
	// Bodies of several chunks (64 KiB).
	f.Add([]byte("0123456789abcdef"), uint16(8999), uint32(200000), uint32(0), uint8(0), uint8(0), uint16(0))
	f.Add([]byte("0123456789abcdef"), uint16(8192), uint32(200000), uint32(0), uint8(0), uint8(2), uint16(0))
	f.Add([]byte("0123456789abcdef"), uint16(8999), uint32(200000), uint32(70000), uint8(3), uint8(7), uint16(100))
	f.Add([]byte("0123456789abcdef"), uint16(4096), uint32(65536), uint32(0), uint8(0), uint8(0), uint16(512))
	f.Add([]byte("0123456789abcdef"), uint16(4096), uint32(65535), uint32(0), uint8(2), uint8(0), uint16(0))
	f.Fuzz(func(t *testing.T, piece []byte, times uint16, limit, max uint32, stated, step uint8, room uint16) {
		body := bytes.Repeat(piece, int(times%9000))
		if len(body) > 1<<20 || limit == 0 {
			return
		}
		var r io.Reader = bytes.NewReader(body)
		switch step % 4 { // how the body arrives
		case 1:
			r = iotest.OneByteReader(r)
		case 2:
			r = iotest.HalfReader(r)
		case 3:
			r = iotest.DataErrReader(r)
		}
		size := int64(-1) // how much it says it is
		switch stated % 4 {
		case 1:
			size = int64(len(body))
		case 2:
			size = int64(len(body)) / 2
		case 3:
			size = int64(len(body))*2 + 1
		}
		if size == 0 && len(body) > 0 {
			size = -1 // a stated 0 is an empty body (http.NoBody)
		}
		lb := &limitedBody{body: io.NopCloser(r), left: int64(limit), op: "Op", limit: int64(limit)}
		resp := &http.Response{StatusCode: 200, ContentLength: size, Body: &cancelBody{ReadCloser: lb, cancel: func() {}}}
		got, err := readResponse(resp, make([]byte, 0, int(room)), int64(max))
		switch {
		case size > int64(limit):
			if !errors.Is(err, ErrResponseTooLarge) || lb.left != int64(limit) {
				t.Fatalf("stated %d past the limit %d: err = %v, read %d bytes", size, limit, err, int64(limit)-lb.left)
			}
		case max > 0 && max <= limit:
			want := body[:min(len(body), int(max))]
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("cut at %d (limit %d, %d bytes): got %d bytes, err = %v", max, limit, len(body), len(got), err)
			}
		case len(body) > int(limit):
			if !errors.Is(err, ErrResponseTooLarge) {
				t.Fatalf("%d bytes past the limit %d: err = %v", len(body), limit, err)
			}
		default:
			if err != nil || !bytes.Equal(got, body) {
				t.Fatalf("%d bytes (limit %d, stated %d): got %d bytes, err = %v", len(body), limit, size, len(got), err)
			}
		}
	})
}
