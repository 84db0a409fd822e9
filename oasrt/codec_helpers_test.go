package oasrt

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestStaticHelpers holds the shared readers and writers against
// encoding/json: each value written as encoding/json writes it, and read
// back (null, and into a destination that holds a value) as it reads.
func TestStaticHelpers(t *testing.T) {
	s, n, m, f, tm, ok := "a<é", int64(-1<<53), int32(-7), 1.5, time.Date(2026, 12, 3, 1, 2, 3, 4, time.UTC), true
	type codec struct {
		v      any // a pointer to the value
		write  func(b []byte) ([]byte, error)
		read   func(d *Decoder) error
		result func() any
	}
	nofail := func(b []byte) ([]byte, error) { return b, nil }
	var (
		ps *string
		pn *int64
		pm *int32
		pb *bool
		pf *float64
		pt *time.Time
		ss []string
		sn []int64
		sa []any
		ms map[string]string
		ma map[string]any
	)
	cases := []codec{
		{&s, func(b []byte) ([]byte, error) { return nofail(AppendStringPtr(b, "", &s)) }, func(d *Decoder) error { return DecodeStringPtr(d, &ps) }, func() any { return ps }},
		{&n, func(b []byte) ([]byte, error) { return nofail(AppendInt64Ptr(b, "", &n)) }, func(d *Decoder) error { return DecodeInt64Ptr(d, &pn, false) }, func() any { return pn }},
		{&m, func(b []byte) ([]byte, error) { return nofail(AppendInt32Ptr(b, "", &m)) }, func(d *Decoder) error { return DecodeInt32Ptr(d, &pm, false) }, func() any { return pm }},
		{&ok, func(b []byte) ([]byte, error) { return nofail(AppendBoolPtr(b, "", &ok)) }, func(d *Decoder) error { return DecodeBoolPtr(d, &pb) }, func() any { return pb }},
		{&f, func(b []byte) ([]byte, error) { return AppendFloat64Ptr(b, "", &f) }, func(d *Decoder) error { return DecodeFloat64Ptr(d, &pf) }, func() any { return pf }},
		{&tm, func(b []byte) ([]byte, error) { return AppendTimePtr(b, "", &tm) }, func(d *Decoder) error { return DecodeTimePtr(d, &pt) }, func() any { return pt }},
		{&[]string{"x", s}, func(b []byte) ([]byte, error) { return nofail(AppendStrings(b, "", []string{"x", s})) }, func(d *Decoder) error { return DecodeStrings(d, &ss) }, func() any { return ss }},
		{&[]int64{n, 0}, func(b []byte) ([]byte, error) { return nofail(AppendInt64s(b, "", []int64{n, 0})) }, func(d *Decoder) error { return DecodeInt64s(d, &sn, false) }, func() any { return sn }},
		{&[]any{"x", true, nil}, func(b []byte) ([]byte, error) { return AppendValues(b, "", []any{"x", true, nil}) }, func(d *Decoder) error { return DecodeValues(d, &sa) }, func() any { return sa }},
		{&map[string]string{"b": s, "a": ""}, func(b []byte) ([]byte, error) {
			return nofail(AppendStringMap(b, "", map[string]string{"b": s, "a": ""}))
		}, func(d *Decoder) error { return DecodeStringMap(d, &ms) }, func() any { return ms }},
		{&map[string]any{"b": []any{true}, "a": "x"}, func(b []byte) ([]byte, error) {
			return AppendValueMap(b, "", map[string]any{"b": []any{true}, "a": "x"})
		}, func(d *Decoder) error { return DecodeValueMap(d, &ma) }, func() any { return ma }},
	}
	for _, c := range cases {
		want, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.write(nil)
		if err != nil || string(got) != string(want) {
			t.Errorf("%T: wrote %s, %v; want %s", c.v, got, err, want)
			continue
		}
		// Read twice: into nothing, then into what the first read left.
		for range 2 {
			d := NewDecoder(got)
			if err := d.Finish(c.read(&d)); err != nil {
				t.Errorf("%T: read %s: %v", c.v, got, err)
			}
			back := reflect.ValueOf(c.result())
			if back.Kind() == reflect.Pointer {
				back = back.Elem()
			}
			if !reflect.DeepEqual(back.Interface(), reflect.ValueOf(c.v).Elem().Interface()) {
				t.Errorf("%T: read %s as %v", c.v, got, back)
			}
		}
		d := NewDecoder([]byte("null"))
		if err := d.Finish(c.read(&d)); err != nil || !reflect.ValueOf(c.result()).IsNil() {
			t.Errorf("%T: null read as %v, %v; want nil", c.v, c.result(), err)
		}
	}
	if got := string(AppendStringPtr([]byte("{"), `"k":`, nil)); got != `{"k":null` {
		t.Errorf("a nil pointer member: %s", got)
	}
	if got, _ := AppendValues(nil, `"k":`, nil); string(got) != `"k":null` {
		t.Errorf("a nil slice member: %s", got)
	}
}
