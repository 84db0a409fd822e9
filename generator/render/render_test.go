package render

import (
	"errors"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/oasgen/oasgen/generator/emit"
)

// TestNoinline holds the one directive a file may hold: //go:noinline, in
// a file from a template (the static runtime), exactly as written. An
// emitted file, whose comments may carry spec text, holds none, and no
// other directive passes in either.
func TestNoinline(t *testing.T) {
	const helper = "package api\n\n// f is a helper.\n//go:noinline\nfunc f() {}\n"
	if err := Source(Files{}, "static.go", []byte(helper)); err != nil {
		t.Errorf("a template's //go:noinline is refused: %v", err)
	}
	for _, src := range []string{
		"package api\n\n//go:generate touch x\nfunc f() {}\n",
		"package api\n\n//go:noinline x\nfunc f() {}\n",
		"package api\n\n//go:linkname f runtime.f\nfunc f() {}\n",
	} {
		var unsafe *UnsafeError
		if err := Source(Files{}, "static.go", []byte(src)); !errors.As(err, &unsafe) {
			t.Errorf("a template with a directive other than //go:noinline gives %v, want an UnsafeError:\n%s", err, src)
		}
	}
	f := jen.NewFile("api")
	f.Comment("//go:noinline")
	f.Func().Id("f").Params().Block()
	var unsafe *UnsafeError
	if err := Emitted(Files{}, emit.File{Name: "emitted.go", Code: f}); !errors.As(err, &unsafe) {
		t.Errorf("an emitted //go:noinline gives %v, want an UnsafeError", err)
	}
}
