package stream_test

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/oasgen/oasgen/internal/e2e/stream"
)

// CreateAlbum answers what it read: each file's part, name, media type,
// size and checksum, read as the handler goes.
func (s *store) CreateAlbum(_ context.Context, req *stream.CreateAlbumRequest) (stream.CreateAlbumResponse, error) {
	describe := func(part string, f stream.FilePart) string {
		h := crc32.NewIEEE()
		n, err := io.Copy(h, f.Content)
		if err != nil {
			return err.Error()
		}
		return fmt.Sprintf("%s:%s:%s:%d:%08x", part, f.Name, f.ContentType, n, h.Sum32())
	}
	files := []string{"title:" + req.Body.Title, describe("cover", req.Body.Cover)}
	for _, p := range req.Body.Photos {
		files = append(files, describe("photo", p))
	}
	return &stream.CreateAlbumCreated{Body: stream.CreateAlbumCreatedBody{Files: files}}, nil
}

// TestMultipartFiles: file parts go up as the client reads them (a 20 MiB
// cover from a reader that never holds it), with their names and media
// types, and reach the handler as readers; a missing required file and a
// title over its maxLength are 400s naming the field.
func TestMultipartFiles(t *testing.T) {
	_, c := start(t, 64<<20)
	ctx := context.Background()
	const size = 20 << 20
	_, crc, _ := checksum(&pattern{n: size})
	got, err := c.CreateAlbum(ctx, stream.CreateAlbumRequestBody{
		Title: "summer",
		Cover: stream.FilePart{Name: "cover.raw", Content: io.MultiReader(&pattern{n: size})},
		Photos: []stream.FilePart{
			{Name: "a.png", ContentType: "image/png", Content: strings.NewReader("png bytes")},
			{Name: "b.txt", ContentType: "text/plain", Content: strings.NewReader("")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"title:summer",
		fmt.Sprintf("cover:cover.raw:application/octet-stream:%d:%08x", size, crc),
		fmt.Sprintf("photo:a.png:image/png:9:%08x", crc32.ChecksumIEEE([]byte("png bytes"))),
		"photo:b.txt:text/plain:0:00000000",
	}
	if strings.Join(got.Files, "\n") != strings.Join(want, "\n") {
		t.Errorf("the server read:\n%s\nwant\n%s", strings.Join(got.Files, "\n"), strings.Join(want, "\n"))
	}

	var status *stream.UnexpectedStatusError
	_, err = c.CreateAlbum(ctx, stream.CreateAlbumRequestBody{Title: "no cover"})
	if !errors.As(err, &status) || status.StatusCode != http.StatusBadRequest || !strings.Contains(string(status.Body), "cover") {
		t.Errorf("no cover: %v", err)
	}
	_, err = c.CreateAlbum(ctx, stream.CreateAlbumRequestBody{Title: strings.Repeat("x", 41), Cover: stream.FilePart{Content: strings.NewReader("x")}})
	if !errors.As(err, &status) || status.StatusCode != http.StatusBadRequest || !strings.Contains(string(status.Body), "title") {
		t.Errorf("a long title: %v", err)
	}
}

// TestMultipartLimit: a multipart body over the server's limit is 413,
// read from the connection rather than held whole.
func TestMultipartLimit(t *testing.T) {
	_, c := start(t, 1<<20)
	_, err := c.CreateAlbum(context.Background(), stream.CreateAlbumRequestBody{Title: "big", Cover: stream.FilePart{Content: io.MultiReader(&pattern{n: 4 << 20})}})
	var status *stream.UnexpectedStatusError
	if !errors.As(err, &status) || status.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("4 MiB over a 1 MiB limit: %v", err)
	}
}
