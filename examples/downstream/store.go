package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"sync"

	"example.com/downstream/notes"
)

// store serves the Notes API from memory: it implements notes.Server.
type store struct {
	mu    sync.Mutex
	notes []notes.Note
}

func (s *store) ListNotes(context.Context, *notes.ListNotesRequest) (notes.ListNotesResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &notes.ListNotesOK{Body: append([]notes.Note{}, s.notes...)}, nil
}

func (s *store) CreateNote(_ context.Context, req *notes.CreateNoteRequest) (notes.CreateNoteResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := notes.Note{ID: int64(len(s.notes) + 1), Text: req.Body.Text}
	s.notes = append(s.notes, n)
	return &notes.CreateNoteCreated{Body: n}, nil
}

func (s *store) GetNote(_ context.Context, req *notes.GetNoteRequest) (notes.GetNoteResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id := req.Params.ID; id >= 1 && id <= int64(len(s.notes)) {
		return &notes.GetNoteOK{Body: s.notes[id-1]}, nil
	}
	return &notes.GetNoteNotFound{Body: notes.Problem{Message: "no such note"}}, nil
}

// keys accepts one API key: it implements notes.SecurityHandler.
type keys string

func (k keys) HandleAPIKey(ctx context.Context, _ string, key string) (context.Context, error) {
	if subtle.ConstantTimeCompare([]byte(key), []byte(k)) != 1 {
		return ctx, errors.New("unknown API key")
	}
	return ctx, nil
}
