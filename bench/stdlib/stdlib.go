// Package stdlib is the floor of the peer benchmark: the benchmark API
// written by hand with net/http and encoding/json, with no validation.
package stdlib

import (
	"encoding/json"
	"net/http"
	"time"
)

// Item is one item of the benchmark spec.
type Item struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Count     int64     `json:"count"`
	Price     float64   `json:"price"`
	CreatedAt time.Time `json:"created_at"`
	Active    bool      `json:"active"`
	Tags      []string  `json:"tags"`
	Owner     Owner     `json:"owner"`
	Note      *string   `json:"note,omitempty"`
	Score     *float64  `json:"score,omitempty"`
	Version   int32     `json:"version"`
}

// Owner is the nested object of an item.
type Owner struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ItemList is the list the GET returns and the POST takes.
type ItemList struct {
	Items      []Item  `json:"items"`
	NextCursor *string `json:"next_cursor,omitempty"`
}

// Accepted is the POST's answer.
type Accepted struct {
	Count int `json:"count"`
}

// Handler serves GET /items with list and POST /items by decoding the
// body and counting its items.
func Handler(list *ItemList) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(list)
	})
	mux.HandleFunc("POST /items", func(w http.ResponseWriter, r *http.Request) {
		var in ItemList
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(Accepted{Count: len(in.Items)})
	})
	return mux
}
