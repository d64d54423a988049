package arddecode

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error values and texts of the JSON parser, worded like Go's
// encoding/json/v2 (jsontext).

const maxNestingDepth = 10000

type syntaxError struct {
	msg    string
	ptr    string
	offset int
}

func (e *syntaxError) Error() string {
	s := "jsontext: " + e.msg
	if e.ptr != "" {
		s += " within " + strconv.Quote(truncatePointer(e.ptr, 100))
	}
	if e.offset > 0 {
		s += " after offset " + strconv.Itoa(e.offset)
	}
	return s
}

// rangeError is v2's semantic error for a number outside float64's range.
type rangeError struct {
	number string
	ptr    string
}

func (e *rangeError) Error() string {
	s := "json: cannot unmarshal JSON number"
	if len(e.number) < 100 {
		s += " " + e.number
	}
	s += " into Go float64"
	if e.ptr != "" {
		s += " within " + strconv.Quote(truncatePointer(e.ptr, 100))
	}
	return s + ": value out of range"
}

func (p *parser) eof(ptr string) error {
	return &syntaxError{msg: "unexpected EOF", ptr: ptr, offset: len(p.b)}
}

func (p *parser) invalidChar(at int, where, ptr string) error {
	_, n := utf8.DecodeRune(p.b[at:])
	return &syntaxError{msg: invalidText("character", string(p.b[at:at+n]), where), ptr: ptr, offset: at}
}

func (p *parser) invalidEscape(at int, what []byte, ptr string) error {
	label := "escape sequence"
	if len(what) > 6 {
		label = "surrogate pair"
	}
	return &syntaxError{msg: invalidText(label, string(what), "in string"), ptr: ptr, offset: at}
}

// invalidText formats "invalid <label> <what> <where>" like jsonwire.
func invalidText(label, what, where string) string {
	needEscape := strings.ContainsFunc(what, func(r rune) bool {
		return r == '`' || r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r)
	})
	var q string
	switch {
	case utf8.RuneCountInString(what) == 1:
		q = quoteRune(what)
	case needEscape:
		q = strconv.Quote(what)
	default:
		q = "`" + what + "`"
	}
	return strings.TrimSuffix("invalid "+label+" "+q+" "+where, " ")
}

func quoteRune(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n == 1 {
		return `'\x` + strconv.FormatUint(uint64(s[0]), 16) + `'`
	}
	return strconv.QuoteRune(r)
}

func pointerToken(name string) string {
	return "/" + strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// truncatePointer shortens long pointers the way jsonwire does.
func truncatePointer(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n / 2
	j := len(s) - n/2
	if k := strings.LastIndexByte(s[:i], '/'); k > 0 {
		i = k
	}
	if k := strings.IndexByte(s[j:], '/'); k >= 0 {
		j += k + 1
	}
	for i > 0 {
		if r, size := utf8.DecodeLastRuneInString(s[:i]); r == utf8.RuneError && size == 1 {
			i--
			continue
		}
		break
	}
	for j < len(s) {
		if r, size := utf8.DecodeRuneInString(s[j:]); r == utf8.RuneError && size == 1 {
			j++
			continue
		}
		break
	}
	var middle string
	switch strings.Count(s[i:j], "/") {
	case 0:
		middle = "…"
	case 1:
		middle = "…/…"
	default:
		middle = "…/…/…"
	}
	if strings.HasPrefix(s[i:j], "/") && middle != "…" {
		middle = strings.TrimPrefix(middle, "…")
	}
	if strings.HasSuffix(s[i:j], "/") && middle != "…" {
		middle = strings.TrimSuffix(middle, "…")
	}
	return s[:i] + middle + s[j:]
}
