package bench

import (
	"encoding/json"
	"net/http"
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
