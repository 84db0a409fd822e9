// Package bench compares the server and client this project generates
// with those of ogen and oapi-codegen and with a hand-written net/http
// handler, on one spec (spec.yaml) and one payload.
package bench

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/oasgen/oasgen/bench/stdlib"
)

// Payload is the JSON of a list of n items of every field kind the
// benchmark spec has (nested object, enum, date-time, optional fields,
// string array).
func Payload(n int) []byte {
	list := stdlib.ItemList{Items: make([]stdlib.Item, n)}
	base := time.Date(2026, 11, 27, 9, 30, 0, 123456000, time.UTC)
	statuses := []string{"active", "paused", "deleted"}
	for i := range list.Items {
		it := stdlib.Item{
			ID:        fmt.Sprintf("item-%06d", i),
			Name:      fmt.Sprintf("Item number %d, with a name of some length", i),
			Status:    statuses[i%3],
			Count:     int64(i * 37),
			Price:     float64(i)*1.25 + 0.5,
			CreatedAt: base.Add(time.Duration(i) * time.Minute),
			Active:    i%2 == 0,
			Tags:      []string{"alpha", "beta", fmt.Sprintf("tag-%d", i%7)},
			Owner:     stdlib.Owner{ID: fmt.Sprintf("owner-%d", i%13), Name: "Jane Q. Example"},
			Version:   int32(1 + i%5),
		}
		if i%3 == 0 {
			note := "a note written \"with quotes\" and unicode: café"
			it.Note = &note
		}
		if i%4 == 0 {
			score := float64(i) / 3
			it.Score = &score
		}
		list.Items[i] = it
	}
	cursor := "opaque-cursor-0123456789"
	list.NextCursor = &cursor
	data, err := json.Marshal(list)
	if err != nil {
		panic(err)
	}
	return data
}
