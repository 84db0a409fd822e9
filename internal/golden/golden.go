// Package golden compares generated files with committed expectations and
// runs the generator's golden test cases.
//
// Expectations are rewritten with `go test ./internal/golden/... -update`
// or, since a flag defined in one test package breaks `go test ./...
// -update` in the others, with GOLDEN_UPDATE=1 in the environment.
package golden

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether golden files are being rewritten.
func Updating() bool {
	return *update || os.Getenv("GOLDEN_UPDATE") == "1"
}

// Diff returns a unified diff from want to got, labelled with name, or ""
// when they are equal.
func Diff(name string, want, got []byte) string {
	if string(want) == string(got) {
		return ""
	}
	a, b := splitLines(string(want)), splitLines(string(got))
	ops := diffLines(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s (want)\n+++ %s (got)\n", name, name)
	writeHunks(&sb, ops, 3)
	return sb.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// op is one line of an edit script: ' ' kept, '-' removed, '+' added.
type op struct {
	kind       byte
	line       string
	aPos, bPos int
}

// diffLines computes a shortest edit script with a longest common
// subsequence table. Files here are small enough for O(n·m).
func diffLines(a, b []string) []op {
	n, m := len(a), len(b)
	// Trim the common prefix and suffix to keep the table small.
	pre := 0
	for pre < n && pre < m && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < n-pre && suf < m-pre && a[n-1-suf] == b[m-1-suf] {
		suf++
	}
	ma, mb := a[pre:n-suf], b[pre:m-suf]
	lcs := make([][]int32, len(ma)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(mb)+1)
	}
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', a[i], i, i})
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			ops = append(ops, op{' ', ma[i], pre + i, pre + j})
			i++
			j++
		case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', ma[i], pre + i, pre + j})
			i++
		default:
			ops = append(ops, op{'+', mb[j], pre + i, pre + j})
			j++
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, op{' ', a[n-suf+k], n - suf + k, m - suf + k})
	}
	return ops
}

// writeHunks prints the changes of ops with ctx lines of context.
func writeHunks(sb *strings.Builder, ops []op, ctx int) {
	for start := 0; start < len(ops); {
		for start < len(ops) && ops[start].kind == ' ' {
			start++
		}
		if start == len(ops) {
			return
		}
		lo := max(0, start-ctx)
		hi, lastChange := start, start
		for hi < len(ops) && hi-lastChange <= 2*ctx {
			if ops[hi].kind != ' ' {
				lastChange = hi
			}
			hi++
		}
		hi = min(len(ops), lastChange+ctx+1)
		aLen, bLen := 0, 0
		for _, o := range ops[lo:hi] {
			if o.kind != '+' {
				aLen++
			}
			if o.kind != '-' {
				bLen++
			}
		}
		fmt.Fprintf(sb, "@@ -%d,%d +%d,%d @@\n", ops[lo].aPos+1, aLen, ops[lo].bPos+1, bLen)
		for _, o := range ops[lo:hi] {
			line := o.line
			if !strings.HasSuffix(line, "\n") {
				line += "\n\\ No newline at end of file\n"
			}
			sb.WriteString(string(o.kind) + line)
		}
		start = hi
	}
}
