package sandbox

import (
	"encoding/base64"
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/oasgen/oasgen/generated/foundry"
)

// list holds items in creation order, with their positions by id. Items
// are never removed, so a position names an item for good: cursors stay
// stable however many items are created between two pages.
type list[T any] struct {
	items []*T
	pos   map[string]int
	key   func(*T) (created time.Time, id string)
}

func newList[T any](key func(*T) (time.Time, string)) *list[T] {
	return &list[T]{pos: map[string]int{}, key: key}
}

func (l *list[T]) add(v *T) int {
	_, id := l.key(v)
	l.pos[id] = len(l.items)
	l.items = append(l.items, v)
	return len(l.items) - 1
}

// get returns the item with the id, or nil.
func (l *list[T]) get(id string) *T {
	if i, ok := l.pos[id]; ok {
		return l.items[i]
	}
	return nil
}

// cursorFor is the opaque cursor that names an item: its creation time
// and id (a keyset, not an offset).
func (l *list[T]) cursorFor(v *T) string {
	created, id := l.key(v)
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(created.Unix(), 10) + "." + id))
}

// cursorPos returns the position of the item a cursor names, -1 for none.
func (l *list[T]) cursorPos(cursor *string) (int, error) {
	if cursor == nil || *cursor == "" {
		return -1, nil
	}
	bad := fmt.Errorf("cursor %q is not one this ledger issued", *cursor)
	raw, err := base64.RawURLEncoding.DecodeString(*cursor)
	if err != nil {
		return 0, bad
	}
	unix, id, ok := strings.Cut(string(raw), ".")
	i, known := l.pos[id]
	if !ok || !known {
		return 0, bad
	}
	if created, _ := l.key(l.items[i]); strconv.FormatInt(created.Unix(), 10) != unix {
		return 0, bad
	}
	return i, nil
}

// forward yields the positions after the cursor's, oldest first.
func (l *list[T]) forward(after int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := after + 1; i < len(l.items); i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// backward yields the positions before the cursor's (all with -1),
// newest first; among only when it is not nil (positions in ascending
// order, such as one account's transactions).
func (l *list[T]) backward(before int, among []int) iter.Seq[int] {
	if before < 0 {
		before = len(l.items)
	}
	return func(yield func(int) bool) {
		if among == nil {
			for i := before - 1; i >= 0; i-- {
				if !yield(i) {
					return
				}
			}
			return
		}
		for k := sort.SearchInts(among, before) - 1; k >= 0; k-- {
			if !yield(among[k]) {
				return
			}
		}
	}
}

// page collects up to limit (25 by default) items from the positions seq
// yields that match, and the page's meta: next_cursor names the last item
// when more follow, and is null on the last page, as documented.
func (l *list[T]) page(limit *int32, seq iter.Seq[int], match func(*T) bool) ([]T, foundry.PageMeta) {
	n := int32(25)
	if limit != nil && *limit > 0 {
		n = *limit
	}
	out := make([]T, 0, min(int(n), 64))
	var last *T
	more := false
	for i := range seq {
		v := l.items[i]
		if match != nil && !match(v) {
			continue
		}
		if len(out) == int(n) {
			more = true
			break
		}
		out = append(out, *v)
		last = v
	}
	meta := foundry.PageMeta{Limit: n, HasMore: more, NextCursor: foundry.NullOf[string]()}
	if more {
		meta.NextCursor = foundry.NullableOf(l.cursorFor(last))
	}
	return out, meta
}
