package golden

import "testing"

func TestDiff(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	got := "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n"
	d := Diff("x.go", []byte(want), []byte(got))
	exp := "--- x.go (want)\n+++ x.go (got)\n@@ -2,9 +2,10 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n j\n+k\n"
	if d != exp {
		t.Errorf("Diff:\n%s\nwant:\n%s", d, exp)
	}
	if Diff("x", []byte(want), []byte(want)) != "" {
		t.Error("equal inputs gave a diff")
	}
}
