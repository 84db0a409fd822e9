//go:build unix

package generator_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the user and system CPU the process has taken: the
// collector's work on other threads counts, as it does for gen's users.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
