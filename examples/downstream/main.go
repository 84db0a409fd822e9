// Downstream shows a repository that generates a package from its own
// spec with `go tool gen` and uses it: it serves the Notes API from memory
// and calls it with the generated client.
//
//	go run . [-addr 127.0.0.1:8080] [-serve]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"example.com/downstream/notes"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	serve := flag.Bool("serve", false, "keep serving instead of running the demo calls")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Handler:           notes.NewHandler(&store{}, keys("secret")),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	if *serve {
		log.Printf("serving the Notes API on http://%s (x-api-key: secret)", ln.Addr())
		log.Fatal(srv.Serve(ln))
	}
	go srv.Serve(ln)
	defer srv.Close()
	if err := demo(context.Background(), "http://"+ln.Addr().String()); err != nil {
		log.Fatal(err)
	}
}

// demo creates a note, reads it back and asks for one that is not there.
func demo(ctx context.Context, url string) error {
	c, err := notes.NewClient(url, notes.WithAPIKey("secret"))
	if err != nil {
		return err
	}
	created, err := c.CreateNote(ctx, notes.Note{Text: "buy milk"})
	if err != nil {
		return err
	}
	got, err := c.GetNote(ctx, notes.GetNoteParams{ID: created.ID})
	if err != nil {
		return err
	}
	fmt.Printf("note %d: %s\n", got.ID, got.Text)
	_, err = c.GetNote(ctx, notes.GetNoteParams{ID: 99})
	var missing *notes.GetNoteNotFound
	if !errors.As(err, &missing) {
		return fmt.Errorf("note 99: %v, want a 404", err)
	}
	fmt.Printf("note 99: %s\n", missing.Body.Message)
	return nil
}
