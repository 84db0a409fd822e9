package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Metrics are the workloads, in report order.
var Metrics = []string{"decode", "encode", "server_get", "server_post", "roundtrip_get", "roundtrip_post"}

// discard is a ResponseWriter that keeps only the status and the size.
type discard struct {
	header http.Header
	status int
	n      int
}

func (d *discard) Header() http.Header { return d.header }
func (d *discard) WriteHeader(s int) {
	if d.status == 0 {
		d.status = s
	}
}
func (d *discard) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	d.n += len(p)
	return len(p), nil
}

// serve runs one request through h without a network and checks the
// status.
func serve(h http.Handler, method string, body []byte, want int) error {
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://bench.local/items", rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = int64(len(body))
	}
	w := &discard{header: http.Header{}}
	h.ServeHTTP(w, req)
	if w.status != want || w.n == 0 {
		return fmt.Errorf("%s: status %d, %d bytes, want %d", method, w.status, w.n, want)
	}
	return nil
}

// Env is a running set of implementations: each has an HTTP server on
// 127.0.0.1 and a client of it.
type Env struct {
	Impls   []*Impl
	Payload []byte
	Ops     map[string]map[string]func() error // impl name, metric
	servers []*httptest.Server
}

// NewEnv starts a server per implementation and builds its workloads.
func NewEnv(items int) *Env {
	e := &Env{Payload: Payload(items), Ops: map[string]map[string]func() error{}}
	e.Impls = Impls(e.Payload)
	ctx := context.Background()
	for _, im := range e.Impls {
		srv := httptest.NewServer(im.Handler)
		e.servers = append(e.servers, srv)
		hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
		get, post := im.Client(srv.URL, hc)
		e.Ops[im.Name] = map[string]func() error{
			"decode": func() error { return im.Decode(e.Payload) },
			"encode": func() error {
				_, err := im.Encode()
				return err
			},
			"server_get":     func() error { return serve(im.Handler, http.MethodGet, nil, http.StatusOK) },
			"server_post":    func() error { return serve(im.Handler, http.MethodPost, e.Payload, http.StatusCreated) },
			"roundtrip_get":  func() error { return get(ctx) },
			"roundtrip_post": func() error { return post(ctx) },
		}
	}
	return e
}

// Close stops the servers.
func (e *Env) Close() {
	for _, s := range e.servers {
		s.Close()
	}
}

// Check runs every workload once and returns the first failure.
func (e *Env) Check() error {
	for _, im := range e.Impls {
		for _, m := range Metrics {
			if err := e.Ops[im.Name][m](); err != nil {
				return fmt.Errorf("%s %s: %w", im.Name, m, err)
			}
		}
	}
	return nil
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuPerOp runs op n times and returns the process CPU time per op
// (this goroutine, the servers' and the garbage collector's).
func cpuPerOp(op func() error, n int) (time.Duration, error) {
	runtime.GC()
	start := cpuNow()
	for range n {
		if err := op(); err != nil {
			return 0, err
		}
	}
	return (cpuNow() - start) / time.Duration(n), nil
}

// calibrate returns how many runs of op take about d of wall time.
func calibrate(op func() error, d time.Duration) (int, error) {
	n := 1
	for {
		start := time.Now()
		for range n {
			if err := op(); err != nil {
				return 0, err
			}
		}
		el := time.Since(start)
		if el >= d/4 || n >= 1<<20 {
			return max(1, int(float64(n)*float64(d)/float64(max(el, time.Microsecond)))), nil
		}
		n *= 4
	}
}

// Result holds, per metric and implementation, the CPU time per op of
// every round.
type Result struct {
	Rounds int
	CPU    map[string]map[string][]time.Duration // metric, impl
}

// Run measures every metric in rounds: in each round the implementations
// run one after another in a shuffled order, each for about window.
func (e *Env) Run(rounds int, window time.Duration, progress io.Writer) (*Result, error) {
	res := &Result{Rounds: rounds, CPU: map[string]map[string][]time.Duration{}}
	for _, m := range Metrics {
		res.CPU[m] = map[string][]time.Duration{}
		counts := map[string]int{}
		for _, im := range e.Impls {
			n, err := calibrate(e.Ops[im.Name][m], window)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", im.Name, m, err)
			}
			counts[im.Name] = n
		}
		order := slices.Clone(e.Impls)
		for range rounds {
			rand.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, im := range order {
				d, err := cpuPerOp(e.Ops[im.Name][m], counts[im.Name])
				if err != nil {
					return nil, fmt.Errorf("%s %s: %w", im.Name, m, err)
				}
				res.CPU[m][im.Name] = append(res.CPU[m][im.Name], d)
			}
		}
		if progress != nil {
			fmt.Fprintf(progress, "%-15s", m)
			for _, im := range e.Impls {
				fmt.Fprintf(progress, " %s=%v", im.Name, median(res.CPU[m][im.Name]))
			}
			fmt.Fprintln(progress)
		}
	}
	return res, nil
}

func median[T int64 | float64 | time.Duration](v []T) T {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Ratio is the median over rounds of ours/peer CPU time per op, each
// round's pair measured side by side.
func (r *Result) Ratio(metric, ours, peer string) float64 {
	a, b := r.CPU[metric][ours], r.CPU[metric][peer]
	ratios := make([]float64, len(a))
	for i := range a {
		ratios[i] = float64(a[i]) / float64(b[i])
	}
	return median(ratios)
}

// Lines are the summary lines: ours against each peer, every metric.
func (r *Result) Lines(ours string, peers []string) []string {
	var out []string
	for _, p := range peers {
		var b strings.Builder
		fmt.Fprintf(&b, "bench-peers: %s/%s", ours, p)
		for _, m := range Metrics {
			fmt.Fprintf(&b, " %s=%.2f", m, r.Ratio(m, ours, p))
		}
		out = append(out, b.String())
	}
	return out
}
