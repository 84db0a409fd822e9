package sandbox

import (
	"encoding/base64"
	"fmt"
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

// forward pages through the items after the cursor's, oldest first.
func (l *list[T]) forward(limit *int32, after int) ([]T, foundry.PageMeta) {
	p := newPager(l, limit)
	for i := after + 1; i < len(l.items) && p.take(l.items[i]); i++ {
	}
	return p.done()
}

// backward pages through the items before the cursor's (all with -1),
// newest first, that match; among, when not nil, limits them to those
// positions (ascending, such as one account's transactions).
func (l *list[T]) backward(limit *int32, before int, among []int, match func(*T) bool) ([]T, foundry.PageMeta) {
	if before < 0 {
		before = len(l.items)
	}
	p := newPager(l, limit)
	if among == nil {
		for i := before - 1; i >= 0; i-- {
			if v := l.items[i]; match(v) && !p.take(v) {
				break
			}
		}
	} else {
		for k := sort.SearchInts(among, before) - 1; k >= 0; k-- {
			if v := l.items[among[k]]; match(v) && !p.take(v) {
				break
			}
		}
	}
	return p.done()
}

// pager collects a page of up to limit (25 by default) items.
type pager[T any] struct {
	l    *list[T]
	n    int
	out  []T
	last *T
	more bool
}

func newPager[T any](l *list[T], limit *int32) *pager[T] {
	n := 25
	if limit != nil && *limit > 0 {
		n = int(*limit)
	}
	return &pager[T]{l: l, n: n, out: make([]T, 0, min(n, 64))}
}

// take adds v to the page and reports whether there is room for more; an
// item past the limit only says that more follow.
func (p *pager[T]) take(v *T) bool {
	if len(p.out) == p.n {
		p.more = true
		return false
	}
	p.out = append(p.out, *v)
	p.last = v
	return true
}

// done returns the page and its meta: next_cursor names the last item
// when more follow, and is null on the last page, as documented.
func (p *pager[T]) done() ([]T, foundry.PageMeta) {
	meta := foundry.PageMeta{Limit: int32(p.n), HasMore: p.more, NextCursor: foundry.NullOf[string]()}
	if p.more {
		meta.NextCursor = foundry.NullableOf(p.l.cursorFor(p.last))
	}
	return p.out, meta
}
