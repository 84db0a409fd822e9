package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/oasgen/oasgen/generator/load"
	"github.com/oasgen/oasgen/internal/difftest"
)

// differ runs internal/difftest on the generated server of each spec
// named in specs (file names of the folder) that started: the server runs
// in a test of its package, behind an implementation that accepts every
// request (501) and every credential, and perOp requests an operation go
// to it over HTTP. It prints one line a spec and reports whether all
// passed.
func differ(dir, mod string, results []*result, specs []string, perOp int) bool {
	ok := true
	for _, name := range specs {
		var r *result
		for _, x := range results {
			if x.spec == name {
				r = x
			}
		}
		if r == nil || !r.started {
			fmt.Printf("difftest %s: not generated or not started\n", name)
			ok = false
			continue
		}
		res, err := differOne(filepath.Join(dir, name), filepath.Join(mod, r.pkg), mod, r.pkg, perOp)
		if err != nil {
			fmt.Printf("difftest %s: %v\n", name, err)
			ok = false
			continue
		}
		for _, f := range res.Failures {
			fmt.Printf("difftest %s: %s\n", name, cut(f, 300))
		}
		fmt.Printf("difftest %s: agree=%d deliberate=%d failures=%d\n", name, res.Agree, res.Deliberate, len(res.Failures))
		ok = ok && len(res.Failures) == 0
	}
	return ok
}

func differOne(spec, pkgDir, mod, pkg string, perOp int) (*difftest.Result, error) {
	src, err := os.ReadFile(spec)
	if err != nil {
		return nil, err
	}
	loaded, _, err := load.Load(spec, src)
	if err != nil {
		return nil, err
	}
	test, err := serveTest(pkgDir)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(pkgDir, "difftest_serve_test.go"), test, 0o644); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command("go", "test", "-count", "1", "-run", "^TestServeForDifftest$", "./"+pkg+"/")
	cmd.Dir = mod
	done := filepath.Join(mod, pkg+".difftest-done")
	cmd.Env = append(os.Environ(), "DIFFTEST_ADDR="+addr, "DIFFTEST_DONE="+done)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	defer func() {
		_ = os.WriteFile(done, nil, 0o644) // the server test ends when it sees the file
		<-exited
	}()
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		select {
		case <-exited:
			return nil, fmt.Errorf("the server did not start: %s", cut(out.String(), 300))
		default:
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the server did not start in 5 minutes: %s", cut(out.String(), 300))
		}
	}
	client := &http.Client{Timeout: 10 * time.Second}
	return difftest.Run(loaded.Doc, func(req *http.Request) int {
		req.URL.Scheme, req.URL.Host = "http", addr
		resp, err := client.Do(req)
		if err != nil {
			return 599
		}
		resp.Body.Close()
		return resp.StatusCode
	}, perOp, 17)
}

// serveTest is a test for the package in dir that serves its handler at
// $DIFFTEST_ADDR until the file $DIFFTEST_DONE exists (an hour at most),
// behind an implementation that answers 501 and accepts every credential.
func serveTest(dir string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "server.go"), nil, 0)
	if err != nil {
		return nil, err
	}
	var methods bytes.Buffer
	secured := false
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "SecurityHandler" {
			return true
		}
		secured = true
		for _, m := range ts.Type.(*ast.InterfaceType).Methods.List {
			var params []string
			for _, fld := range m.Type.(*ast.FuncType).Params.List {
				var typ bytes.Buffer
				_ = printer.Fprint(&typ, fset, fld.Type)
				for range max(len(fld.Names), 1) {
					params = append(params, fmt.Sprintf("a%d %s", len(params), typ.String()))
				}
			}
			fmt.Fprintf(&methods, "\nfunc (acceptAll) %s(%s) (context.Context, error) { return a0, nil }\n", m.Names[0].Name, strings.Join(params, ", "))
		}
		return false
	})
	imports := `"net/http"; "os"; "testing"; "time"`
	if secured {
		imports += `; "context"`
	}
	if strings.Contains(methods.String(), "x509.") {
		imports += `; "crypto/x509"`
	}
	args := "acceptAll{}"
	if secured {
		args = "acceptAll{}, acceptAll{}"
	}
	return fmt.Appendf(nil, `package api

import (%s)

type acceptAll struct{ UnimplementedServer }
%s
func TestServeForDifftest(t *testing.T) {
	srv := &http.Server{Addr: os.Getenv("DIFFTEST_ADDR"), Handler: NewHandler(%s)}
	go srv.ListenAndServe()
	for end := time.Now().Add(time.Hour); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(os.Getenv("DIFFTEST_DONE")); err == nil {
			break
		}
	}
	srv.Close()
}
`, imports, methods.String(), args), nil
}
