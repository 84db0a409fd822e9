// Command compilecost measures what the generated code costs to compile:
// for each spec it generates our package and, where it can, oapi-codegen's
// (models, client, std-http server, strict server) into this module, then
// builds each with its dependencies cached and prints
//
//	compile-cost: LABEL gen=ours lines=N cpu_s=C peak_rss_mib=R wall_s=W gen_cpu_s=G
//	compile-cost: LABEL gen=oapi-codegen lines=N cpu_s=C peak_rss_mib=R wall_s=W gen_cpu_s=G
//	compile-cost: LABEL ours/oapi-codegen cpu=X rss=Y lines=Z gen_cpu=V
//
// oapi-codegen renames the types whose names collide across component
// sections (resolve-type-name-collisions), without which it refuses the
// largest specs; when what it writes does not build, its lines and
// generation CPU are still printed, and the ratios of those:
//
//	compile-cost: LABEL gen=oapi-codegen lines=N gen_cpu_s=G does not build: ERROR
//	compile-cost: LABEL ours/oapi-codegen lines=Z gen_cpu=V
//
// cpu_s is the user and system CPU of the go build (the compiler and the
// linker of the package, the go command's own bookkeeping included);
// peak_rss_mib the largest resident set of any of its processes; gen_cpu_s
// the CPU the generator took to write the package; each the least of
// -runs (3), as the noise of a shared machine only adds. It is
// make compile-cost: run it from the bench folder with the two generators
// built (see the Makefile).
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// work is where the packages are generated, inside this module so that
// oapi-codegen's runtime resolves; it is removed after each spec.
const work = "costwork"

func main() {
	gen := flag.String("gen", "", "our generator's binary")
	oapi := flag.String("oapi", "", "oapi-codegen's binary (empty: ours alone)")
	dirs := flag.String("dirs", "", "folders of specs, comma-separated: the largest spec of each is measured")
	mid := flag.Int("mid", 400<<10, "also measure the spec of the first folder whose size is nearest this many bytes (0: none)")
	specs := flag.String("specs", "", "more specs to measure, comma-separated")
	runs := flag.Int("runs", 3, "builds of each package: the least CPU and the least peak RSS of them are reported (the machine's noise only adds)")
	flag.Parse()
	if *runs < 1 {
		fail(fmt.Errorf("-runs must be at least 1"))
	}
	if *gen == "" {
		fail(fmt.Errorf("-gen is required"))
	}
	list, err := pick(*dirs, *mid, *specs)
	if err != nil {
		fail(err)
	}
	if len(list) == 0 {
		fail(fmt.Errorf("no specs: give -dirs or -specs"))
	}
	os.RemoveAll(work)
	defer os.RemoveAll(work)
	for _, spec := range list {
		label := strings.TrimSuffix(filepath.Base(spec), filepath.Ext(spec))
		ours, err := measure(label, "ours", *runs, func(dir string) (float64, error) {
			return run(*gen, "-spec", spec, "-out", dir, "-package", "ours")
		})
		if err != nil {
			fmt.Printf("compile-cost: %s gen=ours failed: %v\n", label, err)
			continue
		}
		fmt.Printf("compile-cost: %s gen=ours %s\n", label, ours)
		if *oapi == "" {
			continue
		}
		peer, err := measure(label, "oapi", *runs, func(dir string) (float64, error) {
			cfg := filepath.Join(dir, "cfg.yaml")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return 0, err
			}
			conf := "package: oapi\ngenerate:\n  models: true\n  std-http-server: true\n  strict-server: true\n  client: true\noutput-options:\n  resolve-type-name-collisions: true\noutput: " + filepath.Join(dir, "oapi.gen.go") + "\n"
			if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
				return 0, err
			}
			defer os.Remove(cfg)
			return run(*oapi, "-config", cfg, spec)
		})
		var broken buildError
		if errors.As(err, &broken) {
			// What it cost to generate is known even when its package
			// does not build (oapi-codegen's does not, for GitHub's spec).
			fmt.Printf("compile-cost: %s gen=oapi-codegen lines=%d gen_cpu_s=%.2f does not build: %v\n", label, peer.lines, peer.genCPU, broken.error)
			fmt.Printf("compile-cost: %s ours/oapi-codegen lines=%.2f gen_cpu=%.2f\n", label, float64(ours.lines)/float64(peer.lines), ours.genCPU/peer.genCPU)
			continue
		}
		if err != nil {
			fmt.Printf("compile-cost: %s gen=oapi-codegen cannot: %v\n", label, err)
			continue
		}
		fmt.Printf("compile-cost: %s gen=oapi-codegen %s\n", label, peer)
		fmt.Printf("compile-cost: %s ours/oapi-codegen cpu=%.2f rss=%.2f lines=%.2f gen_cpu=%.2f\n", label, ours.cpu/peer.cpu, ours.rss/peer.rss, float64(ours.lines)/float64(peer.lines), ours.genCPU/peer.genCPU)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compilecost:", err)
	os.Exit(1)
}

// pick lists the specs to measure: the largest of each folder, the one of
// the first folder nearest mid bytes, and the extra ones.
func pick(dirs string, mid int, extra string) ([]string, error) {
	var out []string
	for i, dir := range strings.Split(dirs, ",") {
		if dir == "" {
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("%v (give other folders with -dirs)", err)
		}
		largest, nearest := "", ""
		var max, best int64 = -1, -1
		for _, e := range entries {
			ext := filepath.Ext(e.Name())
			if e.IsDir() || ext != ".json" && ext != ".yaml" && ext != ".yml" {
				continue
			}
			info, err := e.Info()
			if err != nil {
				return nil, err
			}
			path := filepath.Join(dir, e.Name())
			if info.Size() > max {
				largest, max = path, info.Size()
			}
			if d := abs(info.Size() - int64(mid)); best < 0 || d < best {
				nearest, best = path, d
			}
		}
		if largest != "" {
			out = append(out, largest)
		}
		if i == 0 && mid > 0 && nearest != "" && nearest != largest {
			out = append(out, nearest)
		}
	}
	for _, s := range strings.Split(extra, ",") {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// cost is what one package costs.
type cost struct {
	lines  int
	genCPU float64 // seconds to generate it
	cpu    float64 // seconds to compile it
	rss    float64 // MiB
	wall   time.Duration
}

func (c cost) String() string {
	return fmt.Sprintf("lines=%d cpu_s=%.1f peak_rss_mib=%.0f wall_s=%.1f gen_cpu_s=%.2f", c.lines, c.cpu, c.rss, c.wall.Seconds(), c.genCPU)
}

// measure generates a package with generate into a fresh folder runs
// times, keeping the least CPU it took, and builds it runs times, keeping
// the least CPU and the least peak RSS. A
// constant of its own, new at each build, makes the package new to the
// build cache, whatever ran before; its dependencies are built first.
func measure(label, name string, runs int, generate func(dir string) (float64, error)) (cost, error) {
	dir := filepath.Join(work, sanitize(label), name)
	defer os.RemoveAll(filepath.Join(work, sanitize(label)))
	var genCPU float64
	for i := 0; i < runs; i++ {
		os.RemoveAll(dir)
		c, err := generate(dir)
		if err != nil {
			return cost{}, err
		}
		if i == 0 || c < genCPU {
			genCPU = c
		}
	}
	lines, pkgs, err := count(dir)
	if err != nil {
		return cost{}, err
	}
	target := "./" + filepath.ToSlash(dir)
	// The dependencies, cached before the measure.
	deps := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", target)
	out, err := deps.Output()
	if err != nil {
		return cost{}, fmt.Errorf("go list: %v", err)
	}
	warm := []string{"build", "std"}
	for _, p := range strings.Fields(string(out)) {
		if !strings.HasSuffix(p, "/"+filepath.ToSlash(dir)) && !strings.Contains(p, "/"+filepath.ToSlash(dir)+"/") {
			warm = append(warm, p)
		}
	}
	if _, err := run("go", warm...); err != nil {
		return cost{}, err
	}
	best := cost{lines: lines, genCPU: genCPU}
	for i := 0; i < runs; i++ {
		c, err := build(pkgs, target)
		if err != nil {
			return best, buildError{err}
		}
		if i == 0 || c.cpu < best.cpu {
			best.cpu, best.wall = c.cpu, c.wall
		}
		if i == 0 || c.rss < best.rss {
			best.rss = c.rss
		}
	}
	return best, nil
}

// buildError is a generated package that does not build; measure still
// returns its lines and what it cost to generate.
type buildError struct{ error }

// build builds the packages (directory to name) of target, each new to
// the build cache. Peak RSS is that of the largest single compile.
func build(pkgs map[string]string, target string) (cost, error) {
	nonce := make([]byte, 8)
	rand.Read(nonce)
	for dir, pkg := range pkgs {
		src := fmt.Sprintf("package %s\n\nconst costNonce = %q\n", pkg, hex.EncodeToString(nonce))
		if err := os.WriteFile(filepath.Join(dir, "cost_nonce.go"), []byte(src), 0o644); err != nil {
			return cost{}, err
		}
	}
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", os.DevNull, target)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return cost{}, fmt.Errorf("go build: %v: %s", err, shorten(stderr.String()))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return cost{
		cpu:  time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(),
		rss:  float64(ru.Maxrss) / 1024, // KiB on Linux
		wall: time.Since(start),
	}, nil
}

// count returns the lines of the Go files under dir (a package split in
// two has its types' package below it) and the name of the package of
// each directory that has Go files.
func count(dir string) (int, map[string]string, error) {
	lines, pkgs := 0, map[string]string{}
	err := filepath.WalkDir(dir, func(f string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
			return err
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		lines += strings.Count(string(data), "\n")
		if pkgs[filepath.Dir(f)] == "" {
			for _, line := range strings.Split(string(data), "\n") {
				if name, ok := strings.CutPrefix(line, "package "); ok {
					pkgs[filepath.Dir(f)] = strings.TrimSpace(name)
					break
				}
			}
		}
		return nil
	})
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s: no Go files", dir)
	}
	return lines, pkgs, err
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s)
}

// run runs a command, its output shown only when it fails, and returns
// the CPU seconds it took.
func run(name string, args ...string) (float64, error) {
	cmd := exec.Command(name, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s: %v: %s", filepath.Base(name), err, shorten(string(out)))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(), nil
}

// shorten keeps the first lines of a command's output for a message.
func shorten(out string) string {
	msg := strings.TrimSpace(out)
	if len(msg) > 600 {
		msg = msg[:600] + "..."
	}
	return msg
}
