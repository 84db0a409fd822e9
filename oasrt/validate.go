package oasrt

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/mail"
	"net/netip"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CheckAny checks a value the package holds as any (decoded by
// encoding/json: map[string]any, []any, string, float64, bool or nil)
// against r.
func CheckAny(r *Rule, v any) error {
	return Check(r, v, "")
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Check walks v, a value decoded with UseNumber, against r.
func Check(r *Rule, v any, path string) error {
	if r == nil {
		return nil
	}
	if r.ref != "" {
		return Check(r.resolve(), v, path)
	}
	if r.never {
		return FailAt(path, "matches no value: the API description's constraints contradict")
	}
	if v == nil {
		if r.nullable || len(r.types) == 0 && len(r.anyOf) == 0 {
			return nil
		}
		return FailAt(path, "must not be null")
	}
	if len(r.types) > 0 && !slices.ContainsFunc(r.types, func(t string) bool { return isType(v, t) }) {
		return FailAt(path, "must be of type "+strings.Join(r.types, " or "))
	}
	if len(r.enum) > 0 && !inEnum(r.enum, v) {
		return FailAt(path, fmt.Sprintf("must be one of %v", r.enum))
	}
	if len(r.enumJSON) > 0 && !slices.ContainsFunc(r.enumJSON, func(text string) bool { return sameValue(text, v) }) {
		return FailAt(path, "must be one of "+strings.Join(r.enumJSON, ", "))
	}
	var err error
	switch v := v.(type) {
	case map[string]any:
		err = checkObject(r, v, path)
	case []any:
		err = checkArray(r, v, path)
	case string:
		err = checkString(r, v, path)
	case json.Number:
		f, ferr := v.Float64()
		if ferr != nil {
			return FailAt(path, "must be a number")
		}
		err = checkNumber(r, f, path)
	case float64:
		err = checkNumber(r, v, path)
	}
	if err != nil {
		return err
	}
	if len(r.anyOf) > 0 {
		var first error
		matched := 0
		for _, alt := range r.anyOf {
			e := Check(alt, v, path)
			if e == nil {
				if !r.oneOf {
					return nil
				}
				matched++
				continue
			}
			if first == nil {
				first = e
			}
		}
		switch {
		case matched == 1:
			return nil
		case matched > 1:
			return FailAt(path, "matches several alternatives, where it must match exactly one")
		}
		return FailAt(path, "matches none of the alternatives ("+first.Error()+")")
	}
	return nil
}

func isType(v any, t string) bool {
	switch v := v.(type) {
	case map[string]any:
		return t == "object"
	case []any:
		return t == "array"
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case json.Number:
		f, err := v.Float64()
		return t == "number" || t == "integer" && err == nil && f == math.Trunc(f)
	case float64:
		return t == "number" || t == "integer" && v == math.Trunc(v)
	}
	return false
}

// sameValue reports whether the JSON text holds the value v (decoded with
// UseNumber): objects and arrays member by member, numbers as numbers.
func sameValue(text string, v any) bool {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var want any
	if dec.Decode(&want) != nil {
		return false
	}
	return equalJSON(want, v)
}

func equalJSON(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, x := range a {
			if y, ok := bm[k]; !ok || !equalJSON(x, y) {
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
			if !equalJSON(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		x, errA := a.Float64()
		var y float64
		switch b := b.(type) {
		case json.Number:
			f, err := b.Float64()
			if err != nil {
				return false
			}
			y = f
		case float64:
			y = b
		default:
			return false
		}
		return errA == nil && x == y
	}
	return a == b
}

func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		switch e := e.(type) {
		case float64:
			if n, ok := v.(json.Number); ok {
				if f, err := n.Float64(); err == nil && f == e {
					return true
				}
			}
			if f, ok := v.(float64); ok && f == e {
				return true
			}
		default:
			if e == v {
				return true
			}
		}
	}
	return false
}

func checkObject(r *Rule, obj map[string]any, path string) error {
	for _, name := range r.required {
		if _, ok := obj[name]; !ok {
			return FailAt(join(path, name), "is required")
		}
	}
	if len(obj) < r.minProps {
		return FailAt(path, fmt.Sprintf("must have at least %d properties", r.minProps))
	}
	if r.maxProps != nil && len(obj) > *r.maxProps {
		return FailAt(path, fmt.Sprintf("must have at most %d properties", *r.maxProps))
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sub, known := r.props[k]
		switch {
		case known:
		case r.noAdditional:
			return FailAt(join(path, k), "is not a known property")
		default:
			sub = r.additional
		}
		if err := Check(sub, obj[k], join(path, k)); err != nil {
			return err
		}
	}
	return nil
}

func checkArray(r *Rule, arr []any, path string) error {
	if len(arr) < r.minItems {
		return FailAt(path, fmt.Sprintf("must have at least %d items", r.minItems))
	}
	if r.maxItems != nil && len(arr) > *r.maxItems {
		return FailAt(path, fmt.Sprintf("must have at most %d items", *r.maxItems))
	}
	for i, item := range arr {
		if err := Check(r.items, item, path+"["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
	}
	if r.uniqueItems && !UniqueJSON(arr) {
		return FailAt(path, "must not repeat items")
	}
	return nil
}

// UniqueComparable reports whether no two items are equal: pairwise for a
// few, with a set for more.
func UniqueComparable[T comparable](items []T) bool {
	if len(items) <= 16 {
		for i := range items {
			for j := range i {
				if items[i] == items[j] {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[T]struct{}, len(items))
	for _, item := range items {
		if _, ok := seen[item]; ok {
			return false
		}
		seen[item] = struct{}{}
	}
	return true
}

// UniqueJSON reports whether no two items have the same JSON encoding
// (object keys sorted), for items Go cannot compare.
func UniqueJSON[T any](items []T) bool {
	seen := make(map[string]struct{}, len(items))
	for _, item := range items {
		data, err := json.Marshal(item)
		if err != nil {
			return false
		}
		if _, ok := seen[string(data)]; ok {
			return false
		}
		seen[string(data)] = struct{}{}
	}
	return true
}

func checkString(r *Rule, s string, path string) error {
	n := utf8.RuneCountInString(s)
	if n < r.minLength {
		return FailAt(path, fmt.Sprintf("must be at least %d characters long", r.minLength))
	}
	if r.maxLength != nil && n > *r.maxLength {
		return FailAt(path, fmt.Sprintf("must be at most %d characters long", *r.maxLength))
	}
	if r.pattern != nil && !r.pattern.MatchString(s) {
		return FailAt(path, "must match "+r.pattern.String())
	}
	if r.format != "" && !ValidFormat(r.format, s) {
		return FailAt(path, "must be a valid "+r.format)
	}
	return nil
}

func ValidFormat(format, s string) bool {
	switch format {
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err == nil
	case "date":
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	case "uuid":
		return validUUID(s)
	case "email":
		a, err := mail.ParseAddress(s)
		return err == nil && a.Address == s
	case "uri":
		u, err := url.Parse(s)
		return err == nil && u.Scheme != ""
	case "ipv4":
		a, err := netip.ParseAddr(s)
		return err == nil && a.Is4()
	case "ipv6":
		a, err := netip.ParseAddr(s)
		return err == nil && a.Is6()
	case "byte":
		_, err := base64.StdEncoding.DecodeString(s)
		return err == nil
	}
	return true
}

// validUUID reports whether s is a UUID in its 8-4-4-4-12 hex form.
func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func checkNumber(r *Rule, f float64, path string) error {
	switch {
	case r.min != nil && (f < *r.min || r.exclMin && f == *r.min):
		return FailAt(path, bound("at least", "more than", *r.min, r.exclMin))
	case r.max != nil && (f > *r.max || r.exclMax && f == *r.max):
		return FailAt(path, bound("at most", "less than", *r.max, r.exclMax))
	case r.multipleOf > 0 && math.Abs(math.Remainder(f, r.multipleOf)) > 1e-9*math.Max(1, math.Abs(f)):
		return FailAt(path, "must be a multiple of "+strconv.FormatFloat(r.multipleOf, 'g', -1, 64))
	}
	return nil
}

func bound(inclusive, exclusive string, b float64, excl bool) string {
	word := inclusive
	if excl {
		word = exclusive
	}
	return "must be " + word + " " + strconv.FormatFloat(b, 'g', -1, 64)
}

// NotMultiple reports whether f is not a multiple of m, within rounding.
func NotMultiple(f, m float64) bool {
	return math.Abs(math.Remainder(f, m)) > 1e-9*math.Max(1, math.Abs(f))
}

// CheckRaw checks a value the package holds as raw JSON against r.
func CheckRaw(r *Rule, data json.RawMessage) error {
	if len(data) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return Fail("malformed JSON: " + err.Error())
	}
	return Check(r, v, "")
}
