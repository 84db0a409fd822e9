package stream_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/oasgen/oasgen/internal/e2e/stream"
)

// GetTicks writes count events, then the terminator; with fail it dies
// after two events. It records when the client went away.
func (s *store) GetTicks(_ context.Context, req *stream.GetTicksRequest) (stream.GetTicksResponse, error) {
	count, fail := req.Params.Count, req.Params.Fail != nil && *req.Params.Fail
	events := stream.NewEventStream(func(ctx context.Context, w *stream.EventWriter[stream.GetTicksOKBodyEvent]) error {
		for i := range count {
			if fail && i == 2 {
				return errors.New("the producer broke")
			}
			note := "line one\nline two"
			if err := w.SendEvent(stream.ServerEvent{Name: "tick", ID: fmt.Sprint(i)}, stream.GetTicksOKBodyEvent{N: i, Note: &note}); err != nil {
				return err
			}
			select {
			case <-ctx.Done():
				s.mu.Lock()
				s.gone = true
				s.mu.Unlock()
				return ctx.Err()
			case <-time.After(time.Millisecond):
			}
		}
		return nil
	})
	events.KeepAlive = time.Millisecond // comments between events, which the client skips
	return &stream.GetTicksOK{Body: events}, nil
}

func (s *store) GetLog(context.Context, *stream.GetLogRequest) (stream.GetLogResponse, error) {
	return &stream.GetLogOK{Body: stream.NewEventStream(func(_ context.Context, w *stream.EventWriter[string]) error {
		for _, line := range []string{"started", "two\nlines", "stopped"} {
			if err := w.Send(line); err != nil {
				return err
			}
		}
		return nil
	})}, nil
}

// TestTypedEvents: events arrive typed, with their names, ids and
// multi-line data, keep-alive comments are skipped, and the terminator
// ends the stream without an error.
func TestTypedEvents(t *testing.T) {
	_, c := start(t, 1<<20)
	events, err := c.GetTicks(context.Background(), stream.GetTicksParams{Count: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer events.Close()
	var got []string
	for events.Next() {
		ev := events.Current()
		got = append(got, fmt.Sprintf("%s/%s:%d:%s", events.Event().Name, events.Event().ID, ev.N, *ev.Note))
	}
	if err := events.Err(); err != nil {
		t.Fatal(err)
	}
	want := "tick/0:0:line one\nline two,tick/1:1:line one\nline two,tick/2:2:line one\nline two,tick/3:3:line one\nline two,tick/4:4:line one\nline two"
	if strings.Join(got, ",") != want {
		t.Errorf("events:\n%q\nwant\n%q", strings.Join(got, ","), want)
	}
	var lines []string
	logs, err := c.GetLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for line, err := range logs.All() {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	if strings.Join(lines, "|") != "started|two\nlines|stopped" {
		t.Errorf("raw events: %q", lines)
	}
}

// TestEventsStopEarly: a client that closes the stream mid-way makes the
// server's producer see its context done.
func TestEventsStopEarly(t *testing.T) {
	s, c := start(t, 1<<20)
	events, err := c.GetTicks(context.Background(), stream.GetTicksParams{Count: 100000})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3 && events.Next(); i++ {
	}
	events.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		gone := s.gone
		s.mu.Unlock()
		if gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the producer never saw the client go")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestEventsServerDies: a producer that fails mid-stream cuts it short,
// and the client's stream ends with an error, not as if it were complete.
func TestEventsServerDies(t *testing.T) {
	_, c := start(t, 1<<20)
	fail := true
	events, err := c.GetTicks(context.Background(), stream.GetTicksParams{Count: 5, Fail: &fail})
	if err != nil {
		t.Fatal(err)
	}
	defer events.Close()
	n := 0
	for events.Next() {
		n++
	}
	if n != 2 || events.Err() == nil {
		t.Errorf("%d events, then %v; want 2 and an error", n, events.Err())
	}
}

// TestEventWireFormat: the parser follows the WHATWG rules: CRLF, CR and
// LF line ends, comments, a field without a colon, "data:" without a
// space, retry, an event without data (not dispatched), a last event cut
// off by the end (dropped).
func TestEventWireFormat(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "\xef\xbb\xbf: hello\r\ndata: a\r\ndata:b\r\n\r\nevent: x\n\nretry: 1500\rdata\rdata: c\r\rdata: cut")
	}))
	defer srv.Close()
	c, _ := stream.NewClient(srv.URL)
	events, err := c.GetLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for events.Next() {
		got = append(got, fmt.Sprintf("%q@%v", events.Current(), events.Event().Retry))
	}
	events.Close()
	if strings.Join(got, " ") != `"a\nb"@0s "\nc"@1.5s` {
		t.Errorf("parsed %v (err %v)", got, events.Err())
	}
}

// TestEventsContext: cancelling the call's context ends a stream that is
// being read, with the context's error.
func TestEventsContext(t *testing.T) {
	_, c := start(t, 1<<20)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := c.GetTicks(ctx, stream.GetTicksParams{Count: 100000})
	if err != nil {
		t.Fatal(err)
	}
	defer events.Close()
	n := 0
	for events.Next() {
		if n++; n == 3 {
			cancel()
		}
	}
	if !errors.Is(events.Err(), context.Canceled) || n > 1000 {
		t.Errorf("after cancel: %d events, %v", n, events.Err())
	}
}
