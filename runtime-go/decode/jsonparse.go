package arddecode

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	arddynamic "ard2go.dev/rt/dynamic"
)

// A strict RFC 8259 parser producing Dynamic values: nil, bool, float64,
// string, []any and *arddynamic.Object (member order kept). Its error texts
// follow Go's encoding/json/v2 (jsontext), which the reference used
// (stdlib.md §14.5): "jsontext: <what> [within "<JSON pointer>"] [after
// offset N]".

type parser struct {
	b     []byte
	pos   int
	depth int
}

// parseJSON parses one JSON value surrounded by optional whitespace.
func parseJSON(text string) (any, error) {
	p := &parser{b: []byte(text)}
	p.skipWS()
	if p.pos >= len(p.b) {
		return nil, p.eof("")
	}
	v, err := p.value("")
	if err != nil {
		return nil, err
	}
	p.skipWS()
	if p.pos < len(p.b) {
		return nil, p.invalidChar(p.pos, "after top-level value", "")
	}
	return v, nil
}

func (p *parser) skipWS() {
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value parses the value starting at p.pos (not whitespace, not EOF); ptr
// is its JSON pointer.
func (p *parser) value(ptr string) (any, error) {
	switch c := p.b[p.pos]; {
	case c == '{' || c == '[':
		if p.depth >= maxNestingDepth {
			return nil, &syntaxError{msg: "exceeded max depth", ptr: ptr, offset: p.pos}
		}
		p.depth++
		defer func() { p.depth-- }()
		if c == '{' {
			return p.object(ptr)
		}
		return p.array(ptr)
	case c == '"':
		return p.str(ptr)
	case c == 't' || c == 'f' || c == 'n':
		return p.literal(ptr)
	case c == '-' || ('0' <= c && c <= '9'):
		text, err := p.number(ptr)
		if err != nil {
			return nil, err
		}
		f, perr := strconv.ParseFloat(text, 64)
		if perr != nil {
			return nil, &rangeError{number: text, ptr: ptr}
		}
		return f, nil
	default:
		return nil, p.invalidChar(p.pos, "at start of value", ptr)
	}
}

func (p *parser) array(ptr string) (any, error) {
	p.pos++ // '['
	items := []any{}
	p.skipWS()
	if p.pos >= len(p.b) {
		return nil, p.eof(ptr)
	}
	switch p.b[p.pos] {
	case ']':
		p.pos++
		return items, nil
	case ',', ':':
		return nil, p.invalidChar(p.pos, "at start of value", ptr)
	}
	for {
		v, err := p.value(ptr + "/" + strconv.Itoa(len(items)))
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.skipWS()
		if p.pos >= len(p.b) {
			return nil, p.eof(ptr)
		}
		switch p.b[p.pos] {
		case ']':
			p.pos++
			return items, nil
		case ',':
			comma := p.pos
			p.pos++
			p.skipWS()
			if p.pos >= len(p.b) {
				return nil, p.eof(ptr)
			}
			if c := p.b[p.pos]; c == ']' || c == '}' {
				return nil, p.invalidChar(comma, "at start of value", ptr)
			}
		default:
			if p.colonBeforeClose() {
				return nil, p.invalidChar(p.pos, "at start of value", ptr)
			}
			return nil, p.invalidChar(p.pos, "after array element (expecting ',' or ']')", ptr)
		}
	}
}

func (p *parser) object(ptr string) (any, error) {
	p.pos++ // '{'
	obj := arddynamic.NewObject(4)
	p.skipWS()
	if p.pos >= len(p.b) {
		return nil, p.eof(ptr)
	}
	if p.b[p.pos] == '}' {
		p.pos++
		return obj, nil
	}
	for {
		// A member name.
		var name string
		switch c := p.b[p.pos]; {
		case c == '"':
			s, err := p.str(ptr)
			if err != nil {
				return nil, err
			}
			name = s.(string)
		case c == 't' || c == 'f' || c == 'n' || c == '-' || ('0' <= c && c <= '9'):
			start := p.pos
			var err error
			if c == '-' || ('0' <= c && c <= '9') {
				_, err = p.number(ptr)
			} else {
				_, err = p.literal(ptr)
			}
			if err != nil {
				return nil, err
			}
			return nil, &syntaxError{msg: "object member name must be a string", ptr: ptr, offset: start}
		case c == '{' || c == '[':
			return nil, &syntaxError{msg: "object member name must be a string", ptr: ptr, offset: p.pos}
		default:
			return nil, p.invalidChar(p.pos, "at start of value", ptr)
		}
		if obj.Has(name) {
			return nil, &syntaxError{msg: "duplicate object member name " + strconv.Quote(name), ptr: ptr}
		}
		member := ptr + pointerToken(name)
		p.skipWS()
		if p.pos >= len(p.b) {
			return nil, p.eof(member)
		}
		if p.b[p.pos] != ':' {
			return nil, p.invalidChar(p.pos, "after object name (expecting ':')", member)
		}
		p.pos++
		p.skipWS()
		if p.pos >= len(p.b) {
			return nil, p.eof(member)
		}
		if p.b[p.pos] == ']' {
			return nil, p.invalidChar(p.pos, "after object value (expecting ',' or '}')", ptr)
		}
		v, err := p.value(member)
		if err != nil {
			return nil, err
		}
		obj.Set(name, v)
		p.skipWS()
		if p.pos >= len(p.b) {
			return nil, p.eof(ptr)
		}
		switch p.b[p.pos] {
		case '}':
			p.pos++
			return obj, nil
		case ',':
			comma := p.pos
			p.pos++
			p.skipWS()
			if p.pos >= len(p.b) {
				return nil, p.eof(ptr)
			}
			if c := p.b[p.pos]; c == ']' || c == '}' {
				return nil, p.invalidChar(comma, "at start of value", ptr)
			}
		case ']':
			return nil, p.invalidChar(p.pos, "after object value (expecting ',' or '}')", parentPointer(ptr))
		default:
			if p.colonBeforeClose() {
				return nil, p.invalidChar(p.pos, "at start of value", ptr)
			}
			return nil, p.invalidChar(p.pos, "after object value (expecting ',' or '}')", ptr)
		}
	}
}

// colonBeforeClose reports a ':' directly followed by a closing bracket,
// which jsontext reports like a trailing delimiter.
func (p *parser) colonBeforeClose() bool {
	if p.b[p.pos] != ':' {
		return false
	}
	for i := p.pos + 1; i < len(p.b); i++ {
		switch p.b[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case ']', '}':
			return true
		}
		return false
	}
	return false
}

func (p *parser) literal(ptr string) (any, error) {
	var lit string
	var val any
	switch p.b[p.pos] {
	case 't':
		lit, val = "true", true
	case 'f':
		lit, val = "false", false
	default:
		lit, val = "null", nil
	}
	for i := 0; i < len(lit); i++ {
		if p.pos+i >= len(p.b) {
			return nil, p.eof(ptr)
		}
		if p.b[p.pos+i] != lit[i] {
			return nil, p.invalidChar(p.pos+i, "in literal "+lit+" (expecting "+strconv.QuoteRune(rune(lit[i]))+")", ptr)
		}
	}
	p.pos += len(lit)
	return val, nil
}

// number consumes a JSON number and returns its text. A truncated number
// is an unexpected EOF reported at the number's start.
func (p *parser) number(ptr string) (string, error) {
	b := p.b
	start := p.pos
	n := start
	truncated := func() error { return &syntaxError{msg: "unexpected EOF", ptr: ptr, offset: start} }
	digit := func(i int) bool { return i < len(b) && '0' <= b[i] && b[i] <= '9' }
	if b[n] == '-' {
		n++
	}
	switch {
	case n >= len(b):
		return "", truncated()
	case b[n] == '0':
		n++
	case '1' <= b[n] && b[n] <= '9':
		for n++; digit(n); n++ {
		}
	default:
		return "", p.invalidChar(n, "in number (expecting digit)", ptr)
	}
	if n < len(b) && b[n] == '.' {
		n++
		if n >= len(b) {
			return "", truncated()
		}
		if !digit(n) {
			return "", p.invalidChar(n, "in number (expecting digit)", ptr)
		}
		for n++; digit(n); n++ {
		}
	}
	if n < len(b) && (b[n] == 'e' || b[n] == 'E') {
		n++
		if n < len(b) && (b[n] == '-' || b[n] == '+') {
			n++
		}
		if n >= len(b) {
			return "", truncated()
		}
		if !digit(n) {
			return "", p.invalidChar(n, "in number (expecting digit)", ptr)
		}
		for n++; digit(n); n++ {
		}
	}
	p.pos = n
	return string(b[start:n]), nil
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func parseHex4(b []byte) (rune, bool) {
	if len(b) != 4 {
		return 0, false
	}
	var r rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// hasEscapedUTF16Prefix reports whether b could be the start of a \uXXXX
// escape (of a low surrogate when low is set).
func hasEscapedUTF16Prefix(b []byte, low bool) bool {
	for i, c := range b {
		switch {
		case i == 0 && c != '\\':
			return false
		case i == 1 && c != 'u':
			return false
		case i == 2 && low && c != 'd' && c != 'D':
			return false
		case i == 3 && low && !('c' <= c && c <= 'f') && !('C' <= c && c <= 'F'):
			return false
		case i >= 2 && i < 6 && !isHex(c):
			return false
		}
	}
	return true
}

// str parses a string literal starting at the opening quote.
func (p *parser) str(ptr string) (any, error) {
	b := p.b
	n := p.pos + 1
	var out []byte
	for {
		if n >= len(b) {
			return nil, p.eof(ptr)
		}
		c := b[n]
		switch {
		case c == '"':
			p.pos = n + 1
			return string(out), nil
		case c == '\\':
			esc := n
			eofAt := func() error { return &syntaxError{msg: "unexpected EOF", ptr: ptr, offset: esc} }
			if n+1 >= len(b) {
				return nil, eofAt()
			}
			switch e := b[n+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
				n += 2
			case 'b':
				out, n = append(out, '\b'), n+2
			case 'f':
				out, n = append(out, '\f'), n+2
			case 'n':
				out, n = append(out, '\n'), n+2
			case 'r':
				out, n = append(out, '\r'), n+2
			case 't':
				out, n = append(out, '\t'), n+2
			case 'u':
				if len(b) < n+6 {
					if hasEscapedUTF16Prefix(b[n:], false) {
						return nil, eofAt()
					}
					return nil, p.invalidEscape(n, b[n:], ptr)
				}
				r, ok := parseHex4(b[n+2 : n+6])
				if !ok {
					return nil, p.invalidEscape(n, b[n:n+6], ptr)
				}
				n += 6
				if utf16.IsSurrogate(r) {
					switch {
					case len(b) < n+6:
						if hasEscapedUTF16Prefix(b[n:], true) {
							return nil, eofAt()
						}
						return nil, p.invalidEscape(n-6, b[n-6:], ptr)
					case b[n] != '\\' || b[n+1] != 'u':
						return nil, p.invalidEscape(n-6, b[n-6:n+6], ptr)
					default:
						r2, ok := parseHex4(b[n+2 : n+6])
						if !ok {
							return nil, p.invalidEscape(n-6, b[n-6:n+6], ptr)
						}
						if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
							return nil, p.invalidEscape(n-6, b[n-6:n+6], ptr)
						}
						n += 6
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				return nil, p.invalidEscape(n, b[n:n+2], ptr)
			}
		case c < 0x20:
			return nil, p.invalidChar(n, "in string (expecting non-control character)", ptr)
		case c < utf8.RuneSelf:
			out = append(out, c)
			n++
		default:
			r, size := utf8.DecodeRune(b[n:])
			if r == utf8.RuneError && size == 1 {
				if !utf8.FullRune(b[n:]) {
					return nil, &syntaxError{msg: "unexpected EOF", ptr: ptr, offset: n}
				}
				return nil, &syntaxError{msg: "invalid UTF-8", ptr: ptr, offset: n}
			}
			out = append(out, b[n:n+size]...)
			n += size
		}
	}
}
