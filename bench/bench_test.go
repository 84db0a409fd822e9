package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/oasgen/oasgen/bench/ours"
	"github.com/oasgen/oasgen/bench/stdlib"
)

var (
	envOnce sync.Once
	env     *Env
)

func testEnv(tb testing.TB) *Env {
	envOnce.Do(func() { env = NewEnv(100) })
	return env
}

// TestWorkloads runs every workload of every implementation once: the
// servers answer as documented and the clients get the payload back.
func TestWorkloads(t *testing.T) {
	if err := testEnv(t).Check(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkPeers runs each metric for each implementation, for benchstat
// (go test -bench Peers -benchmem -count 6).
func BenchmarkPeers(b *testing.B) {
	e := testEnv(b)
	for _, m := range Metrics {
		for _, im := range e.Impls {
			op := e.Ops[im.Name][m]
			b.Run(m+"/"+im.Name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := op(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPost1MiB measures one POST of a body of about 1 MiB through our
// server and the hand-written one: B/op is the memory a request costs.
func BenchmarkPost1MiB(b *testing.B) {
	payload := Payload(3550)
	var list ours.ItemList
	if err := json.Unmarshal(payload, &list); err != nil {
		b.Fatal(err)
	}
	handlers := map[string]http.Handler{
		"ours":   ours.NewHandler(oursServer{&list}, ours.WithMaxBodyBytes(2<<20)),
		"stdlib": stdlib.Handler(&stdlib.ItemList{}),
	}
	for _, name := range []string{"ours", "stdlib"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				if err := serve(handlers[name], http.MethodPost, payload, http.StatusCreated); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(payload)), "body-bytes")
		})
	}
}

// BenchmarkGet10MiB measures one GET of a JSON list of about 10 MiB
// through our client over real HTTP, the body sent with its length, in
// chunks of unknown length, and gzip-compressed: B/op is what reading and
// decoding a large response costs.
func BenchmarkGet10MiB(b *testing.B) {
	payload := Payload(35500)
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(payload)
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.Header.Get("X-As") {
		case "length":
			w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
			w.Write(payload)
		case "chunked":
			for rest := payload; len(rest) > 0; rest = rest[min(len(rest), 32<<10):] {
				w.Write(rest[:min(len(rest), 32<<10)])
			}
		case "gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(zipped.Bytes())
		}
	}))
	defer srv.Close()
	c := must(ours.NewClient(srv.URL, ours.WithHTTPClient(srv.Client())))
	for _, as := range []string{"length", "chunked", "gzip"} {
		b.Run(as, func(b *testing.B) {
			b.SetBytes(int64(len(payload)))
			b.ReportAllocs()
			for b.Loop() {
				list, err := c.ListItems(context.Background(), ours.ListItemsParams{}, ours.WithHeader("X-As", as))
				if err != nil {
					b.Fatal(err)
				}
				if len(list.Items) != 35500 {
					b.Fatalf("got %d items", len(list.Items))
				}
			}
		})
	}
}
