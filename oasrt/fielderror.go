package oasrt

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldError is a value that breaks a rule, at a path of property names
// and indexes: path, inside the values outer names from the inside out
// (AtField and AtIndex add to it, each in constant time however deep the
// value).
type FieldError struct {
	path  string
	outer []string
	msg   string
}

// Fail returns the error of a value that breaks a rule: msg says how.
func Fail(msg string) *FieldError { return &FieldError{msg: msg} }

// FailAt returns the error of the value at path (a property name, or a
// path "a.b[2]") that breaks a rule: msg says how.
func FailAt(path, msg string) *FieldError { return &FieldError{path: path, msg: msg} }

// Msg is what is wrong with the value, without its path.
func (e *FieldError) Msg() string { return e.msg }

// Where is the path of the value, "a.b[2].c", shortened as Error shows
// it ("" for the value itself).
func (e *FieldError) Where() string { return e.where() }

func (e *FieldError) Error() string {
	if w := e.where(); w != "" {
		return w + ": " + e.msg
	}
	return e.msg
}

// What a path shows at most: levels (the outermost half and the innermost
// half, with the count of those between), and bytes of a name.
const (
	maxShownLevels = 16
	maxShownName   = 64
)

// where is the path of the value, "a.b[2].c", shortened to at most
// maxShownLevels levels of at most maxShownName bytes each: an error
// about a value 8,000 levels deep stays short.
func (e *FieldError) where() string {
	levels := make([]string, 0, min(len(e.outer)+1, maxShownLevels+1))
	n := len(e.outer)
	if e.path != "" {
		n++
	}
	level := func(i int) string { // i counts from the outermost
		if i < len(e.outer) {
			return e.outer[len(e.outer)-1-i]
		}
		return e.path
	}
	for i := 0; i < n; i++ {
		if n > maxShownLevels && i == maxShownLevels/2 {
			levels = append(levels, "…"+strconv.Itoa(n-maxShownLevels)+" levels…")
			i = n - maxShownLevels/2 - 1
			continue
		}
		levels = append(levels, level(i))
	}
	var b strings.Builder
	for i, l := range levels {
		if len(l) > maxShownName {
			cut := maxShownName
			for cut > 0 && !utf8.RuneStart(l[cut]) {
				cut--
			}
			l = l[:cut] + "…"
		}
		if i > 0 && !strings.HasPrefix(l, "[") {
			b.WriteByte('.')
		}
		b.WriteString(l)
	}
	return b.String()
}

// AtField puts err, a problem inside the value of property name, at that
// property. Not inlined: a copy in each of its many callers costs more to
// compile than the call costs to run (issue 24).
//
//go:noinline
func AtField(err error, name string) error {
	fe, ok := err.(*FieldError)
	if !ok {
		return err
	}
	if fe.path == "" && len(fe.outer) == 0 {
		fe.path = name
	} else {
		fe.outer = append(fe.outer, name)
	}
	return fe
}

// AtIndex puts err, a problem inside item i of an array, at that item.
func AtIndex(err error, i int) error {
	return AtField(err, "["+strconv.Itoa(i)+"]")
}

// NotText is the error for a string ValidText refuses.
func NotText() error {
	return &FieldError{msg: "is not valid text: invalid UTF-8, or half a UTF-16 surrogate pair (RFC 8259)"}
}

// RuneCount is the length of s in characters, as minLength and maxLength
// count.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func RuneCount(s string) int { return utf8.RuneCountInString(s) }

// LengthError is the error of s when it has fewer than min or more than
// max characters (a bound below 0 is none), as minLength and maxLength
// count; nil when it has neither.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func LengthError(s string, min, max int) error {
	switch n := utf8.RuneCountInString(s); {
	case min >= 0 && n < min:
		return &FieldError{msg: "must be at least " + Characters(min) + " long"}
	case max >= 0 && n > max:
		return &FieldError{msg: "must be at most " + Characters(max) + " long"}
	}
	return nil
}

// Characters says n characters.
func Characters(n int) string {
	if n == 1 {
		return "1 character"
	}
	return strconv.Itoa(n) + " characters"
}

// Matches reports whether s matches the pattern re.
// Not inlined: a copy in each of its many callers costs more to compile
// than the call costs to run (issue 24).
//
//go:noinline
func Matches(re *regexp.Regexp, s string) bool { return re.MatchString(s) }
