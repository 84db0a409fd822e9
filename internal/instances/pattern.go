package instances

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// patternString makes a string that matches pattern (as Go's regexp reads
// it, unanchored) within the length bounds, or gives up with errCannot.
func patternString(r *rand.Rand, pattern string, minLen uint64, maxLen *uint64) (any, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, errCannot
	}
	check, err := regexp.Compile(pattern)
	if err != nil {
		return nil, errCannot
	}
	for range 20 {
		var b strings.Builder
		if !emit(r, re.Simplify(), &b, 0) {
			continue
		}
		s := b.String()
		n := uint64(utf8.RuneCountInString(s))
		if check.MatchString(s) && n >= minLen && (maxLen == nil || n <= *maxLen) {
			return s, nil
		}
	}
	return nil, errCannot
}

// emit writes a string re matches.
func emit(r *rand.Rand, re *syntax.Regexp, b *strings.Builder, depth int) bool {
	if depth > 50 || b.Len() > 256 {
		return false
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, c := range re.Rune {
			b.WriteRune(c)
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		// Prefer printable ASCII inside the class.
		var picks []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for c := max(lo, ' '); c <= min(hi, '~') && len(picks) < 200; c++ {
				picks = append(picks, c)
			}
		}
		if len(picks) == 0 {
			picks = append(picks, re.Rune[0])
		}
		b.WriteRune(picks[r.IntN(len(picks))])
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteRune(rune('a' + r.IntN(26)))
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
	case syntax.OpCapture:
		return emit(r, re.Sub[0], b, depth+1)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 {
				hi = lo + 3
			}
		}
		for range lo + r.IntN(hi-lo+1) {
			if !emit(r, re.Sub[0], b, depth+1) {
				return false
			}
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !emit(r, sub, b, depth+1) {
				return false
			}
		}
	case syntax.OpAlternate:
		return emit(r, re.Sub[r.IntN(len(re.Sub))], b, depth+1)
	default:
		return false
	}
	return true
}
