package oasrt

import (
	"strconv"
	"time"
)

// The readers and writers of pointers, slices and maps of builtin types
// that most generated packages use, here once rather than in each
// package (issue 24). Each does what a generated package's helper for
// its type does: a reader takes null as nil and reuses what the
// destination holds; a writer appends key (a member's, or "") and then
// the value, null for nil. The integer readers take the package's
// integersByValue.
//
// The slice and map readers repeat their loop for each element type on
// purpose: one generic loop must take the element's reader as a function,
// through which the decoder escapes, and UnmarshalJSON would then
// allocate it on every call (measured: 1 allocation per document against
// 0).

// DecodeStringPtr reads the next value of d into *p.
func DecodeStringPtr(d *Decoder, p **string) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(string)
	}
	return d.Str(*p)
}

// AppendStringPtr appends key and the JSON of v to b.
func AppendStringPtr(b []byte, key string, v *string) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	return AppendJSONString(b, *v)
}

// DecodeInt64Ptr reads the next value of d into *p.
func DecodeInt64Ptr(d *Decoder, p **int64, byValue bool) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(int64)
	}
	return d.Int64(*p, byValue)
}

// AppendInt64Ptr appends key and the JSON of v to b.
func AppendInt64Ptr(b []byte, key string, v *int64) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, *v, 10)
}

// DecodeInt32Ptr reads the next value of d into *p.
func DecodeInt32Ptr(d *Decoder, p **int32, byValue bool) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(int32)
	}
	return d.Int32(*p, byValue)
}

// AppendInt32Ptr appends key and the JSON of v to b.
func AppendInt32Ptr(b []byte, key string, v *int32) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(*v), 10)
}

// DecodeBoolPtr reads the next value of d into *p.
func DecodeBoolPtr(d *Decoder, p **bool) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(bool)
	}
	return d.Bool(*p)
}

// AppendBoolPtr appends key and the JSON of v to b.
func AppendBoolPtr(b []byte, key string, v *bool) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	return strconv.AppendBool(b, *v)
}

// DecodeFloat64Ptr reads the next value of d into *p.
func DecodeFloat64Ptr(d *Decoder, p **float64) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(float64)
	}
	return d.Float64(*p)
}

// AppendFloat64Ptr appends key and the JSON of v to b: an error for a
// number JSON cannot hold.
func AppendFloat64Ptr(b []byte, key string, v *float64) ([]byte, error) {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...), nil
	}
	return AppendJSONFloat(b, *v, 64)
}

// DecodeTimePtr reads the next value of d into *p.
func DecodeTimePtr(d *Decoder, p **time.Time) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if *p == nil {
		*p = new(time.Time)
	}
	return d.Time(*p)
}

// AppendTimePtr appends key and the JSON of v to b: an error for a time
// JSON cannot hold.
func AppendTimePtr(b []byte, key string, v *time.Time) ([]byte, error) {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...), nil
	}
	return AppendJSONTime(b, *v)
}

// DecodeStrings reads the next value of d into *p.
func DecodeStrings(d *Decoder, p *[]string) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if ok, err := d.Array(); !ok {
		return err
	}
	s := (*p)[:0]
	if s == nil {
		s = []string{}
	}
	var zero string
	for i := 0; ; i++ {
		more, err := d.Item(i)
		if !more {
			*p = s
			return err
		}
		s = append(s, zero)
		if err := d.Str(&s[len(s)-1]); err != nil {
			return AtIndex(err, i)
		}
	}
}

// AppendStrings appends key and the JSON of v to b.
func AppendStrings(b []byte, key string, v []string) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range v {
		b = append(AppendJSONString(b, v[i]), ',')
	}
	return EndJSONArray(b)
}

// DecodeInt64s reads the next value of d into *p.
func DecodeInt64s(d *Decoder, p *[]int64, byValue bool) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if ok, err := d.Array(); !ok {
		return err
	}
	s := (*p)[:0]
	if s == nil {
		s = []int64{}
	}
	var zero int64
	for i := 0; ; i++ {
		more, err := d.Item(i)
		if !more {
			*p = s
			return err
		}
		s = append(s, zero)
		if err := d.Int64(&s[len(s)-1], byValue); err != nil {
			return AtIndex(err, i)
		}
	}
}

// AppendInt64s appends key and the JSON of v to b.
func AppendInt64s(b []byte, key string, v []int64) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range v {
		b = append(strconv.AppendInt(b, v[i], 10), ',')
	}
	return EndJSONArray(b)
}

// DecodeValues reads the next value of d into *p.
func DecodeValues(d *Decoder, p *[]any) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if ok, err := d.Array(); !ok {
		return err
	}
	s := (*p)[:0]
	if s == nil {
		s = []any{}
	}
	var zero any
	for i := 0; ; i++ {
		more, err := d.Item(i)
		if !more {
			*p = s
			return err
		}
		s = append(s, zero)
		if err := d.Value(&s[len(s)-1]); err != nil {
			return AtIndex(err, i)
		}
	}
}

// AppendValues appends key and the JSON of v to b: an error for a value
// encoding/json cannot write.
func AppendValues(b []byte, key string, v []any) ([]byte, error) {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	var err error
	for i := range v {
		if b, err = AppendJSONValue(b, v[i]); err != nil {
			return b, err
		}
		b = append(b, ',')
	}
	return EndJSONArray(b), nil
}

// DecodeStringMap reads the next value of d into *p.
func DecodeStringMap(d *Decoder, p *map[string]string) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if ok, err := d.Object(); !ok {
		return err
	}
	if *p == nil {
		*p = map[string]string{}
	}
	for i := 0; ; i++ {
		key, more, err := d.Member(i)
		if !more {
			return err
		}
		var x string
		if err := d.Str(&x); err != nil {
			return AtField(err, string(key))
		}
		(*p)[string(key)] = x
	}
}

// AppendStringMap appends key and the JSON of v to b, its keys sorted.
func AppendStringMap(b []byte, key string, v map[string]string) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for _, k := range SortedKeys(v) {
		b = append(AppendJSONString(append(AppendJSONString(b, k), ':'), v[k]), ',')
	}
	return EndJSONObject(b)
}

// DecodeValueMap reads the next value of d into *p.
func DecodeValueMap(d *Decoder, p *map[string]any) error {
	if d.Null() {
		*p = nil
		return nil
	}
	if ok, err := d.Object(); !ok {
		return err
	}
	if *p == nil {
		*p = map[string]any{}
	}
	for i := 0; ; i++ {
		key, more, err := d.Member(i)
		if !more {
			return err
		}
		var x any
		if err := d.Value(&x); err != nil {
			return AtField(err, string(key))
		}
		(*p)[string(key)] = x
	}
}

// AppendValueMap appends key and the JSON of v to b, its keys sorted: an
// error for a value encoding/json cannot write.
func AppendValueMap(b []byte, key string, v map[string]any) ([]byte, error) {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '{')
	var err error
	for _, k := range SortedKeys(v) {
		if b, err = AppendJSONValue(append(AppendJSONString(b, k), ':'), v[k]); err != nil {
			return b, err
		}
		b = append(b, ',')
	}
	return EndJSONObject(b), nil
}
