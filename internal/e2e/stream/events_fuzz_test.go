package stream

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// referenceEvents parses a server-sent event stream the plain way the
// WHATWG rules read: normalise line ends, split, and process each line.
func referenceEvents(in []byte) []string {
	s := strings.TrimPrefix(string(in), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	lines = lines[:len(lines)-1] // the text after the last line end is not a line
	var out []string
	var data strings.Builder
	name, id, has := "", "", false
	retry := "0s"
	for _, line := range lines {
		if line == "" {
			if has {
				out = append(out, fmt.Sprintf("%q %q %q %s", name, id, strings.TrimSuffix(data.String(), "\n"), retry))
			}
			// The last event ID and the reconnection time carry over.
			data.Reset()
			name, has = "", false
			continue
		}
		if line[0] == ':' {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "data":
			data.WriteString(value + "\n")
			has = true
		case "event":
			name = value
		case "id":
			if !strings.Contains(value, "\x00") {
				id = value
			}
		case "retry":
			if ms, err := strconv.ParseUint(value, 10, 31); err == nil {
				retry = fmt.Sprint(time.Duration(ms) * time.Millisecond)
			}
		}
	}
	return out
}

// FuzzEventStream reads arbitrary bytes as an event stream and compares
// the events with the reference reading; it must never panic.
func FuzzEventStream(f *testing.F) {
	for _, seed := range []string{
		"data: a\n\n",
		"\xef\xbb\xbf: c\r\ndata: a\r\ndata:b\r\n\r\nevent: x\n\nretry: 1500\rdata\rdata: c\r\rdata: cut",
		"id: 1\nevent: tick\ndata: {\"n\":1}\n\n",
		"data: x\r\n\r",
		"retry: 99999999999\ndata: y\n\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		resp := &http.Response{Body: io.NopCloser(bytes.NewReader(in))}
		s := openEvents(resp, decodeTextEvent, "")
		var got []string
		for s.Next() {
			ev := s.Event()
			got = append(got, fmt.Sprintf("%q %q %q %s", ev.Name, ev.ID, s.Current(), ev.Retry))
		}
		s.Close()
		want := referenceEvents(in)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("input %q:\n got %q\nwant %q (err %v)", in, got, want, s.Err())
		}
	})
}
