package emit

import (
	"errors"
	"testing"

	"github.com/oasgen/oasgen/generator/ir"
)

// TestEmitStopsAtOutsError holds Emit to its contract: each file goes to
// out as soon as it is complete, and the first error out returns ends the
// emission and is Emit's.
func TestEmitStopsAtOutsError(t *testing.T) {
	targets := Targets{Types: true, Client: true, Server: true}
	var all []string
	if err := Emit(&ir.API{}, "api", "header", targets, func(f File) error {
		all = append(all, f.Name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(all) < 3 {
		t.Fatalf("an API with a client and a server emitted %v; want several files", all)
	}
	stop := errors.New("stop")
	var seen []string
	err := Emit(&ir.API{}, "api", "header", targets, func(f File) error {
		seen = append(seen, f.Name)
		if len(seen) == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("Emit returned %v, want out's error", err)
	}
	if len(seen) != 2 || seen[0] != all[0] || seen[1] != all[1] {
		t.Errorf("after out's error on the second file, out saw %v; want %v", seen, all[:2])
	}
}
