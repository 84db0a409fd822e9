package oasrt

import (
	"bytes"
	"strconv"
)

// The number readers of the generated decodeJSON methods: the grammar of
// a JSON number, integers in the range of their Go type, floats as
// strconv reads them.

// number reads a number, checking its grammar, and returns its text and
// whether it is an integer (no fraction, no exponent).
func (d *Decoder) number() ([]byte, bool, error) {
	start, i, n := d.pos, d.pos, len(d.data)
	if i < n && d.data[i] == '-' {
		i++
	}
	switch {
	case i < n && d.data[i] == '0':
		i++
	case i < n && d.data[i] >= '1' && d.data[i] <= '9':
		for i++; i < n && d.data[i] >= '0' && d.data[i] <= '9'; i++ {
		}
	default:
		d.pos = i
		return nil, false, d.syntax("bad number")
	}
	integral := true
	if i < n && d.data[i] == '.' {
		integral = false
		i++
		if i >= n || d.data[i] < '0' || d.data[i] > '9' {
			d.pos = i
			return nil, false, d.syntax("bad number")
		}
		for ; i < n && d.data[i] >= '0' && d.data[i] <= '9'; i++ {
		}
	}
	if i < n && (d.data[i] == 'e' || d.data[i] == 'E') {
		integral = false
		i++
		if i < n && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if i >= n || d.data[i] < '0' || d.data[i] > '9' {
			d.pos = i
			return nil, false, d.syntax("bad number")
		}
		for ; i < n && d.data[i] >= '0' && d.data[i] <= '9'; i++ {
		}
	}
	d.pos = i
	return d.data[start:i], integral, nil
}

// isNumber reports whether c starts a number.
func isNumber(c byte) bool { return c == '-' || c >= '0' && c <= '9' }

// integer reads an integer within [lo, hi] (hi as uint64 for the
// unsigned types) as its sign and magnitude; ok is false for null.
func (d *Decoder) integer(lo int64, hi uint64, byValue bool) (neg bool, abs uint64, ok bool, err error) {
	if !isNumber(d.space()) {
		return false, 0, false, d.other("an integer")
	}
	text, integral, err := d.number()
	if err != nil {
		return false, 0, false, err
	}
	digits := text
	if neg = text[0] == '-'; neg {
		digits = text[1:]
	}
	if !integral {
		if !byValue {
			return false, 0, false, &FieldError{msg: "must be an integer (got " + string(text) + ")"}
		}
		var whole bool
		if digits, whole = integerDigits(digits); !whole {
			return false, 0, false, &FieldError{msg: "must be an integer (got " + string(text) + ")"}
		}
	}
	outOfRange := len(digits) > 20
	for _, c := range digits {
		next := abs*10 + uint64(c-'0')
		if outOfRange || abs > (1<<64-1)/10 || next < abs*10 {
			outOfRange = true
			break
		}
		abs = next
	}
	if outOfRange || neg && (lo == 0 || abs > uint64(-(lo+1))+1) || !neg && abs > hi {
		return false, 0, false, &FieldError{msg: "must be an integer in range (got " + string(text) + ")"}
	}
	return neg, abs, true, nil
}

// integerDigits is the decimal digits of the value of a number written
// with a fraction or an exponent (without its sign), when that value is
// an integer, decided on the digits themselves: 1.8e1 is 18, and
// 1.0000000000000001 is not an integer, though it rounds to one as a
// float64. Digits past the range of any integer type are cut at 21, out
// of range however they go on.
func integerDigits(text []byte) ([]byte, bool) {
	mant, exp := text, 0
	if i := bytes.IndexAny(mant, "eE"); i >= 0 {
		e, err := strconv.Atoi(string(mant[i+1:]))
		if err != nil {
			e = 1 << 30 // an exponent too long to read: far out of range
			if mant[i+1] == '-' {
				e = -e
			}
		}
		mant, exp = mant[:i], e
	}
	var digits []byte
	if whole, frac, ok := bytes.Cut(mant, []byte(".")); ok {
		digits = append(append(digits, whole...), frac...)
		exp -= len(frac)
	} else {
		digits = append(digits, mant...)
	}
	for len(digits) > 1 && digits[0] == '0' {
		digits = digits[1:]
	}
	for len(digits) > 0 && digits[len(digits)-1] == '0' && exp < 0 {
		digits = digits[:len(digits)-1]
		exp++
	}
	if allZero := len(bytes.Trim(digits, "0")) == 0; allZero {
		return []byte("0"), true
	}
	if exp < 0 {
		return nil, false
	}
	for ; exp > 0 && len(digits) <= 21; exp-- {
		digits = append(digits, '0')
	}
	return digits, true
}

func (d *Decoder) Int64(p *int64, byValue bool) error {
	neg, abs, ok, err := d.integer(-1<<63, 1<<63-1, byValue)
	if ok {
		*p = int64(abs)
		if neg {
			*p = -int64(abs-1) - 1
		}
	}
	return err
}

func (d *Decoder) Int32(p *int32, byValue bool) error {
	neg, abs, ok, err := d.integer(-1<<31, 1<<31-1, byValue)
	if ok {
		*p = int32(abs)
		if neg {
			*p = -int32(abs-1) - 1
		}
	}
	return err
}

func (d *Decoder) Uint64(p *uint64, byValue bool) error {
	_, abs, ok, err := d.integer(0, 1<<64-1, byValue)
	if ok {
		*p = abs
	}
	return err
}

func (d *Decoder) Uint32(p *uint32, byValue bool) error {
	_, abs, ok, err := d.integer(0, 1<<32-1, byValue)
	if ok {
		*p = uint32(abs)
	}
	return err
}

// exact10 are the powers of ten a float64 holds exactly.
var exact10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func (d *Decoder) Float64(p *float64) error {
	if !isNumber(d.space()) {
		return d.other("a number")
	}
	text, _, err := d.number()
	if err != nil {
		return err
	}
	// Up to 15 digits and no exponent: the digits and the power of ten
	// are exact, so one division rounds correctly.
	if len(text) <= 16 {
		var m uint64
		frac, digits, exp := -1, 0, false
		for i, c := range text {
			switch {
			case c >= '0' && c <= '9':
				m = m*10 + uint64(c-'0')
				digits++
			case c == '.':
				frac = i
			case c == 'e' || c == 'E':
				exp = true
			}
		}
		if !exp && digits <= 15 {
			f := float64(m)
			if frac >= 0 {
				f /= exact10[len(text)-frac-1]
			}
			if text[0] == '-' {
				f = -f
			}
			*p = f
			return nil
		}
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		return &FieldError{msg: "must be a number in range (got " + string(text) + ")"}
	}
	*p = f
	return nil
}

func (d *Decoder) Float32(p *float32) error {
	if !isNumber(d.space()) {
		return d.other("a number")
	}
	text, _, err := d.number()
	if err != nil {
		return err
	}
	f, err := strconv.ParseFloat(string(text), 32)
	if err != nil {
		return &FieldError{msg: "must be a number in range (got " + string(text) + ")"}
	}
	*p = float32(f)
	return nil
}
