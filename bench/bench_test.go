package bench

import (
	"sync"
	"testing"
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
