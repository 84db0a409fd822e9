package oasrt

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// maxDepth is how deeply a request body may nest arrays and objects, as
// encoding/json allows.
const maxDepth = 10000

// kindOf is the kind of the value a byte starts, 0 for none.
var kindOf = [256]uint8{
	'{': kindObject, '[': kindArray, '"': kindString, 't': kindBool, 'f': kindBool, 'n': kindNull,
	'-': kindNumber, '0': kindNumber, '1': kindNumber, '2': kindNumber, '3': kindNumber, '4': kindNumber,
	'5': kindNumber, '6': kindNumber, '7': kindNumber, '8': kindNumber, '9': kindNumber,
}

// DecodeStrict checks the JSON document data against r in one pass over its
// bytes and then decodes it into dst. The pass refuses what encoding/json
// would let through silently: a key spelt in another case than the
// property it would fill, a key given twice, a missing required property,
// an unknown key where the description allows none, and a value of a JSON
// kind the description does not allow (null included). It allocates
// nothing for a valid document whose keys have no escapes.
//
// prepare, when not nil, runs between the pass and the decoding with the
// number of items of the document's arrays: of a property of the top
// object (count("items")), or of the document itself (count("")). It
// sizes slices before encoding/json fills them, which would otherwise grow
// them by half again and again; the pass has checked every item's kind,
// so the count is exactly what the decoding appends.
func DecodeStrict(data []byte, r *Rule, dst any, prepare func(count func(name string) int)) error {
	if err := CheckStrict(data, r, prepare); err != nil {
		return err
	}
	if err := json.Unmarshal(data, dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return FailAt(te.Field, "must be "+kindWords(te.Value, te.Type.Kind().String()))
		}
		return Fail("malformed JSON: " + err.Error())
	}
	return nil
}

// CheckStrict is DecodeStrict's pass over data, without the decoding: the
// caller decodes data with its own reader once it returns nil.
func CheckStrict(data []byte, r *Rule, prepare func(count func(name string) int)) error {
	s := strictScanner{data: data}
	if err := s.check(r); err != nil {
		return err
	}
	s.presize(r, prepare)
	return nil
}

// Check runs the pass over the whole document.
func (s *strictScanner) check(r *Rule) error {
	if err := s.value(r); err != nil {
		return err
	}
	s.space()
	if s.pos != len(s.data) {
		return s.syntax("data after the value")
	}
	return nil
}

// presize runs prepare, when not nil, with the item counts the pass took
// (see DecodeStrict).
func (s *strictScanner) presize(r *Rule, prepare func(count func(name string) int)) {
	if prepare == nil {
		return
	}
	top := r.resolve()
	if top.single != nil {
		top = top.single.resolve()
	}
	// The counts are copied for the closure: capturing s would move the
	// scanner of every call to the heap, prepare or not.
	root, items := s.rootItems, s.topItems
	prepare(func(name string) int {
		if name == "" {
			return root
		}
		if bit, ok := top.bit([]byte(name)); ok && bit < len(items) {
			return items[bit]
		}
		return 0
	})
}

// kindWords says what a value must be after encoding/json refused it.
func kindWords(got, goKind string) string {
	switch {
	case strings.HasPrefix(goKind, "int"), strings.HasPrefix(goKind, "uint"):
		return "an integer in range (got " + got + ")"
	case strings.HasPrefix(goKind, "float"):
		return "a number (got " + got + ")"
	case goKind == "string":
		return "a string (got " + got + ")"
	case goKind == "bool":
		return "true or false (got " + got + ")"
	case goKind == "slice" || goKind == "array":
		return "an array (got " + got + ")"
	}
	return "an object (got " + got + ")"
}

// strictScanner walks a JSON document byte by byte.
type strictScanner struct {
	data  []byte
	pos   int
	depth int
	// items is the length of the array last read; rootItems that of the
	// document when it is an array, topItems those of the top object's
	// array properties, by bit.
	items     int
	rootItems int
	topItems  [16]int
}

func (s *strictScanner) syntax(what string) error {
	return Fail("malformed JSON at offset " + strconv.Itoa(s.pos) + ": " + what)
}

func (s *strictScanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// value checks the value at s.pos against r (nil for any).
func (s *strictScanner) value(r *Rule) error {
	r = r.resolve()
	s.space()
	if s.pos >= len(s.data) {
		return s.syntax("unexpected end")
	}
	kind := kindOf[s.data[s.pos]]
	if kind == 0 {
		return s.syntax("unexpected " + strconv.QuoteRune(rune(s.data[s.pos])))
	}
	if r.kinds != 0 && r.kinds&kind == 0 {
		if kind == kindNull {
			return Fail("must not be null")
		}
		return Fail("must be " + r.kindText)
	}
	if r.never {
		return Fail("matches no value: the API description's constraints contradict")
	}
	if r.single != nil {
		r = r.single.resolve()
	}
	switch kind {
	case kindObject:
		return s.object(r)
	case kindArray:
		return s.array(r)
	case kindString:
		_, _, err := s.str()
		return err
	case kindNumber:
		return s.number()
	}
	return s.literal()
}

func (s *strictScanner) enter() error {
	s.depth++
	if s.depth > maxDepth {
		return s.syntax("nested too deeply")
	}
	return nil
}

// object checks an object: exact keys, none twice, required ones present,
// unknown ones only where allowed, and each value against its rule.
func (s *strictScanner) object(r *Rule) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.pos++ // {
	var seenFew [4]uint64
	seen := seenFew[:]
	if n := len(r.names); n > 64*len(seenFew) {
		seen = make([]uint64, (n+63)/64)
	}
	var others keySet
	count := 0
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
	} else {
		for {
			s.space()
			if s.pos >= len(s.data) || s.data[s.pos] != '"' {
				return s.syntax("want a property name")
			}
			raw, escaped, err := s.str()
			if err != nil {
				return err
			}
			key := raw
			if escaped {
				if key, err = unescape(raw); err != nil {
					return s.syntax("bad escape in a property name")
				}
			}
			s.space()
			if s.pos >= len(s.data) || s.data[s.pos] != ':' {
				return s.syntax("want a colon")
			}
			s.pos++
			count++
			sub, keyBit := r.additional, -1
			if bit, ok := r.bit(key); ok {
				keyBit = bit
				if seen[bit/64]&(1<<(bit%64)) != 0 {
					return FailAt(string(key), "appears more than once")
				}
				seen[bit/64] |= 1 << (bit % 64)
				sub = r.sub[bit]
			} else {
				if name := r.folds(key); name != "" {
					return FailAt(string(key), "is not a property; property names are case-sensitive: did you mean "+strconv.Quote(name)+"?")
				}
				if r.noAdditional {
					return FailAt(string(key), "is not a known property")
				}
				if !others.add(key) {
					return FailAt(string(key), "appears more than once")
				}
			}
			s.space()
			array := s.pos < len(s.data) && s.data[s.pos] == '['
			if err := s.value(sub); err != nil {
				return AtField(err, string(key))
			}
			if array && s.depth == 1 && keyBit >= 0 && keyBit < len(s.topItems) {
				s.topItems[keyBit] = s.items
			}
			s.space()
			if s.pos < len(s.data) && s.data[s.pos] == ',' {
				s.pos++
				continue
			}
			if s.pos < len(s.data) && s.data[s.pos] == '}' {
				s.pos++
				break
			}
			return s.syntax("want a comma or }")
		}
	}
	s.depth--
	for _, bit := range r.requiredBits {
		if seen[bit/64]&(1<<(bit%64)) == 0 {
			return FailAt(r.names[bit], "is required")
		}
	}
	if count < r.minProps {
		return Fail("must have at least " + properties(r.minProps))
	}
	if r.maxProps != nil && count > *r.maxProps {
		return Fail("must have at most " + properties(*r.maxProps))
	}
	return nil
}

// properties is "1 property" or "n properties".
func properties(n int) string {
	if n == 1 {
		return "1 property"
	}
	return strconv.Itoa(n) + " properties"
}

// array checks each item of an array against the rule's items.
func (s *strictScanner) array(r *Rule) error {
	if err := s.enter(); err != nil {
		return err
	}
	s.pos++ // [
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		s.depth--
		s.items = 0
		return nil
	}
	for i := 0; ; i++ {
		if err := s.value(r.items); err != nil {
			return AtIndex(err, i)
		}
		s.space()
		if s.pos < len(s.data) && s.data[s.pos] == ',' {
			s.pos++
			continue
		}
		if s.pos < len(s.data) && s.data[s.pos] == ']' {
			s.pos++
			s.depth--
			s.items = i + 1
			if s.depth == 0 {
				s.rootItems = s.items
			}
			return nil
		}
		return s.syntax("want a comma or ]")
	}
}

// stringByte marks the bytes that end or interrupt the plain run of a
// JSON string: the quote, the backslash and control characters.
var stringByte = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str reads the string at s.pos and returns its raw text and whether it
// holds escapes.
func (s *strictScanner) str() ([]byte, bool, error) {
	start := s.pos + 1
	escaped := false
	i := start
	for {
		for ; i < len(s.data) && !stringByte[s.data[i]]; i++ {
		}
		if i >= len(s.data) {
			s.pos = len(s.data)
			return nil, false, s.syntax("unterminated string")
		}
		switch c := s.data[i]; {
		case c == '"':
			s.pos = i + 1
			raw := s.data[start:i]
			if !ValidText(raw, escaped) {
				return nil, false, NotText()
			}
			return raw, escaped, nil
		case c == '\\':
			escaped = true
			i += 2
		default:
			s.pos = i
			return nil, false, s.syntax("control character in a string")
		}
	}
}

func (s *strictScanner) number() error {
	start := s.pos
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			s.pos++
			continue
		}
		break
	}
	if s.pos == start {
		return s.syntax("bad number")
	}
	return nil
}

func (s *strictScanner) literal() error {
	for _, lit := range [...]string{"true", "false", "null"} {
		if bytes.HasPrefix(s.data[s.pos:], []byte(lit)) {
			s.pos += len(lit)
			return nil
		}
	}
	return s.syntax("bad literal")
}

// unescape returns the text of a JSON string's raw content with escapes.
func unescape(raw []byte) ([]byte, error) {
	quoted := make([]byte, 0, len(raw)+2)
	quoted = append(append(append(quoted, '"'), raw...), '"')
	var text string
	if err := json.Unmarshal(quoted, &text); err != nil {
		return nil, err
	}
	return []byte(text), nil
}

// keySet remembers the keys of an object that are not declared
// properties, to refuse one given twice: a few without allocating (they
// are slices of the document), more in a map.
type keySet struct {
	few  [8][]byte
	n    int
	many map[string]struct{}
}

// add adds key and reports whether it was new.
func (k *keySet) add(key []byte) bool {
	if k.many == nil && k.n < len(k.few) {
		for _, old := range k.few[:k.n] {
			if bytes.Equal(old, key) {
				return false
			}
		}
		k.few[k.n] = key
		k.n++
		return true
	}
	if k.many == nil {
		k.many = make(map[string]struct{}, 2*len(k.few))
		for _, old := range k.few {
			k.many[string(old)] = struct{}{}
		}
	}
	if _, ok := k.many[string(key)]; ok {
		return false
	}
	k.many[string(key)] = struct{}{}
	return true
}
