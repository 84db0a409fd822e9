package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"time"
)

// outcome is what one instance became.
type outcome struct {
	in, out json.RawMessage
	err     string
}

func (o *outcome) describe() string {
	if o.err != "" {
		return "error: " + o.err
	}
	return whereDiffers(o.in, o.out)
}

// firstLoss returns the first instance that did not come back the same.
func (t *target) firstLoss() *outcome {
	for i := range t.outputs {
		o := &t.outputs[i]
		if o.err != "" || !sameJSON(o.in, o.out) {
			return o
		}
	}
	return nil
}

// sameJSON reports whether two JSON documents hold the same value: the
// same keys (order aside), nulls kept, numbers equal exactly, date-times
// equal as instants.
func sameJSON(a, b []byte) bool {
	va, errA := decode(a)
	vb, errB := decode(b)
	return errA == nil && errB == nil && same(va, vb)
}

func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func same(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			w, ok := bm[k]
			if !ok || !same(v, w) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !same(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		x, okA := new(big.Rat).SetString(a.String())
		y, okB := new(big.Rat).SetString(bn.String())
		return okA && okB && x.Cmp(y) == 0
	case string:
		bs, ok := b.(string)
		if !ok {
			return false
		}
		if a == bs {
			return true
		}
		ta, errA := time.Parse(time.RFC3339Nano, a)
		tb, errB := time.Parse(time.RFC3339Nano, bs)
		return errA == nil && errB == nil && ta.Equal(tb)
	}
	return a == b
}

// whereDiffers says where two JSON documents first differ: a path and the
// two values there.
func whereDiffers(a, b []byte) string {
	va, errA := decode(a)
	vb, errB := decode(b)
	if errA != nil || errB != nil {
		return ""
	}
	return differs(va, vb, "$")
}

func differs(a, b any, path string) string {
	if same(a, b) {
		return ""
	}
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			break
		}
		for _, k := range sortedKeys(a) {
			w, ok := bm[k]
			if !ok {
				return path + "." + k + " is lost"
			}
			if d := differs(a[k], w, path+"."+k); d != "" {
				return d
			}
		}
		for _, k := range sortedKeys(bm) {
			if _, ok := a[k]; !ok {
				return path + "." + k + " is added"
			}
		}
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			break
		}
		for i := range a {
			if d := differs(a[i], bs[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	}
	in, _ := json.Marshal(a)
	out, _ := json.Marshal(b)
	return fmt.Sprintf("%s: %s became %s", path, cutText(string(in), 120), cutText(string(out), 120))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
