package stream_test

import (
	"context"
	"io"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/stream"
)

// BenchmarkStream100MiB moves 100 MiB up and back down through the
// generated client and server: B/op shows the memory does not grow with
// the size (compare with the 100 MiB moved).
func BenchmarkStream100MiB(b *testing.B) {
	_, c := start(b, 200<<20)
	ctx := context.Background()
	const size = 100 << 20
	b.SetBytes(2 * size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.PutFile(ctx, stream.PutFileParams{Name: "big"}, io.MultiReader(&pattern{n: size})); err != nil {
			b.Fatal(err)
		}
		body, err := c.GetFile(ctx, stream.GetFileParams{Name: "big"})
		if err != nil {
			b.Fatal(err)
		}
		if n, err := io.Copy(io.Discard, body); err != nil || n != size {
			b.Fatal(n, err)
		}
		body.Close()
	}
}
