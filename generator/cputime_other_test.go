//go:build !unix

package generator_test

import (
	"testing"
	"time"
)

// cpuTime is not known here: the benchmarks' cpu-ns/op reads 0.
func cpuTime(*testing.B) time.Duration { return 0 }
