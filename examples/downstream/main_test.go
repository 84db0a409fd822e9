package main

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"example.com/downstream/notes"
)

// TestNotes calls the generated server with the generated client over
// HTTP: create, read, list, a documented 404, a refused key and a note
// that breaks the schema.
func TestNotes(t *testing.T) {
	srv := httptest.NewServer(notes.NewHandler(&store{}, keys("secret")))
	defer srv.Close()
	ctx := context.Background()
	if err := demo(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	c, err := notes.NewClient(srv.URL, notes.WithAPIKey("secret"))
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.ListNotes(ctx)
	if err != nil || len(list) != 1 || list[0].Text != "buy milk" {
		t.Errorf("list: %v %v", list, err)
	}
	var refused *notes.CreateNoteBadRequest
	if _, err := c.CreateNote(ctx, notes.Note{Text: ""}); !errors.As(err, &refused) {
		t.Errorf("an empty note: %v, want the documented 400", err)
	}
	wrong, _ := notes.NewClient(srv.URL, notes.WithAPIKey("guess"))
	var status *notes.UnexpectedStatusError
	if _, err := wrong.ListNotes(ctx); !errors.As(err, &status) || status.StatusCode != 401 {
		t.Errorf("a wrong key: %v, want 401", err)
	}
}
