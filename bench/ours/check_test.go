package ours

import (
	"encoding/json"
	"testing"

	"github.com/oasgen/oasgen/oasrt"
)

// listPayload is a valid list of 100 items, as the peer benchmark sends.
func listPayload(tb testing.TB) (ItemList, []byte) {
	tb.Helper()
	var list ItemList
	item := `{"id":"item-1","name":"An item","status":"active","count":3,"price":1.5,"created_at":"2026-11-27T09:30:00Z","active":true,"tags":["a","b"],"owner":{"id":"o","name":"Jane"},"note":"n","score":0.5,"version":2}`
	data := []byte(`{"items":[` + item)
	for range 99 {
		data = append(data, ',')
		data = append(data, item...)
	}
	data = append(data, "]}"...)
	if err := json.Unmarshal(data, &list); err != nil {
		tb.Fatal(err)
	}
	return list, data
}

// TestCheckAllocatesNothing: checking a valid typed value allocates
// nothing, and neither does the strict pass over its JSON.
func TestCheckAllocatesNothing(t *testing.T) {
	list, data := listPayload(t)
	if n := testing.AllocsPerRun(100, func() {
		if err := validateItemList(&list); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("validateItemList: %v allocations, want 0", n)
	}
	r := requestRules()["CreateItems body"]
	if n := testing.AllocsPerRun(100, func() {
		if err := oasrt.CheckStrict(data, r, nil); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("strict pass: %v allocations, want 0", n)
	}
}

// BenchmarkCheck measures the typed check of a valid 100-item list.
func BenchmarkCheck(b *testing.B) {
	list, _ := listPayload(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := validateItemList(&list); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStrictPass measures the strict pass over the list's JSON, and
// BenchmarkUnmarshal the encoding/json decode that follows it.
func BenchmarkStrictPass(b *testing.B) {
	_, data := listPayload(b)
	r := requestRules()["CreateItems body"]
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := oasrt.CheckStrict(data, r, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	_, data := listPayload(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v ItemList
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}
