package ardhttp

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"
)

// Patterns of the router: parsing and the precedence relations between
// two patterns (as in Go 1.22's net/http).

type segment struct {
	s     string // literal, wildcard name, or "/" for a trailing {$}
	wild  bool
	multi bool
}

type pattern struct {
	str      string
	method   string
	host     string
	segments []segment
}

func (p *pattern) last() segment { return p.segments[len(p.segments)-1] }

func isValidMethod(m string) bool {
	// An HTTP token.
	return m != "" && strings.IndexFunc(m, func(r rune) bool {
		return r > unicode.MaxASCII || r <= ' ' || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r)
	}) < 0
}

func unescapePath(s string) string {
	u, err := url.PathUnescape(s)
	if err != nil {
		return s
	}
	return u
}

// cleanPath is path.Clean keeping a trailing slash, like net/http.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		if len(p) == len(np)+1 && strings.HasPrefix(p, np) {
			np = p
		} else {
			np += "/"
		}
	}
	return np
}

func isValidWildcardName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !unicode.IsLetter(c) && c != '_' && (i == 0 || !unicode.IsDigit(c)) {
			return false
		}
	}
	return true
}

func parsePattern(s string) (_ *pattern, err error) {
	if s == "" {
		return nil, errors.New("empty pattern")
	}
	off := 0
	defer func() {
		if err != nil {
			err = fmt.Errorf("parsing %q: at offset %d: %w", s, off, err)
		}
	}()
	method, rest, found := s, "", false
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		method, rest, found = s[:i], strings.TrimLeft(s[i+1:], " \t"), true
	}
	if !found {
		rest, method = method, ""
	}
	if method != "" && !isValidMethod(method) {
		return nil, fmt.Errorf("invalid method %q", method)
	}
	p := &pattern{str: s, method: method}
	if found {
		off = len(method) + 1
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return nil, errors.New("host/path missing /")
	}
	p.host = rest[:i]
	rest = rest[i:]
	if j := strings.IndexByte(p.host, '{'); j >= 0 {
		off += j
		return nil, errors.New("host contains '{' (missing initial '/'?)")
	}
	off += i
	if method != "" && method != "CONNECT" && rest != cleanPath(rest) {
		return nil, errors.New("non-CONNECT pattern with unclean path can never match")
	}
	seen := map[string]bool{}
	for len(rest) > 0 {
		rest = rest[1:]
		off = len(s) - len(rest)
		if rest == "" {
			p.segments = append(p.segments, segment{wild: true, multi: true})
			break
		}
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			i = len(rest)
		}
		var seg string
		seg, rest = rest[:i], rest[i:]
		if i := strings.IndexByte(seg, '{'); i < 0 {
			p.segments = append(p.segments, segment{s: unescapePath(seg)})
			continue
		} else if i != 0 {
			return nil, errors.New("bad wildcard segment (must start with '{')")
		}
		if seg[len(seg)-1] != '}' {
			return nil, errors.New("bad wildcard segment (must end with '}')")
		}
		name := seg[1 : len(seg)-1]
		if name == "$" {
			if rest != "" {
				return nil, errors.New("{$} not at end")
			}
			p.segments = append(p.segments, segment{s: "/"})
			break
		}
		name, multi := strings.CutSuffix(name, "...")
		if multi && rest != "" {
			return nil, errors.New("{...} wildcard not at end")
		}
		if name == "" {
			return nil, errors.New("empty wildcard")
		}
		if !isValidWildcardName(name) {
			return nil, fmt.Errorf("bad wildcard name %q", name)
		}
		if seen[name] {
			return nil, fmt.Errorf("duplicate wildcard name %q", name)
		}
		seen[name] = true
		p.segments = append(p.segments, segment{s: name, wild: true, multi: multi})
	}
	return p, nil
}

// Relationships between two patterns (as in net/http).
type relation int

const (
	equivalent relation = iota
	moreGeneral
	moreSpecific
	disjoint
	overlaps
)

func inverse(r relation) relation {
	switch r {
	case moreGeneral:
		return moreSpecific
	case moreSpecific:
		return moreGeneral
	}
	return r
}

func combine(r1, r2 relation) relation {
	switch r1 {
	case equivalent:
		return r2
	case disjoint:
		return disjoint
	case overlaps:
		if r2 == disjoint {
			return disjoint
		}
		return overlaps
	default: // moreGeneral, moreSpecific
		switch r2 {
		case equivalent:
			return r1
		case inverse(r1):
			return overlaps
		default:
			return r2
		}
	}
}

func compareMethods(m1, m2 string) relation {
	switch {
	case m1 == m2:
		return equivalent
	case m1 == "":
		return moreGeneral
	case m2 == "":
		return moreSpecific
	case m1 == "GET" && m2 == "HEAD":
		return moreGeneral
	case m2 == "GET" && m1 == "HEAD":
		return moreSpecific
	}
	return disjoint
}

func compareSegments(s1, s2 segment) relation {
	switch {
	case s1.multi && s2.multi:
		return equivalent
	case s1.multi:
		return moreGeneral
	case s2.multi:
		return moreSpecific
	case s1.wild && s2.wild:
		return equivalent
	case s1.wild:
		if s2.s == "/" {
			return disjoint
		}
		return moreGeneral
	case s2.wild:
		if s1.s == "/" {
			return disjoint
		}
		return moreSpecific
	case s1.s == s2.s:
		return equivalent
	}
	return disjoint
}

func comparePaths(p1, p2 *pattern) relation {
	if len(p1.segments) != len(p2.segments) && !p1.last().multi && !p2.last().multi {
		return disjoint
	}
	rel := equivalent
	s1, s2 := p1.segments, p2.segments
	for ; len(s1) > 0 && len(s2) > 0; s1, s2 = s1[1:], s2[1:] {
		if rel = combine(rel, compareSegments(s1[0], s2[0])); rel == disjoint {
			return rel
		}
	}
	switch {
	case len(s1) == 0 && len(s2) == 0:
		return rel
	case len(s1) < len(s2) && p1.last().multi:
		return combine(rel, moreGeneral)
	case len(s2) < len(s1) && p2.last().multi:
		return combine(rel, moreSpecific)
	}
	return disjoint
}

func conflict(p1, p2 *pattern) error {
	if p1.host != p2.host {
		return nil
	}
	mrel := compareMethods(p1.method, p2.method)
	if mrel == disjoint {
		return nil
	}
	prel := comparePaths(p1, p2)
	var why string
	switch rel := combine(mrel, prel); {
	case rel == equivalent:
		why = fmt.Sprintf("%s matches the same requests as %s", p1.str, p2.str)
	case rel != overlaps:
		return nil
	case prel == overlaps:
		why = fmt.Sprintf("%s and %s both match some paths, but neither is more specific than the other", p1.str, p2.str)
	case mrel == moreGeneral:
		why = fmt.Sprintf("%s matches more methods than %s, but has a more specific path pattern", p1.str, p2.str)
	default:
		why = fmt.Sprintf("%s matches fewer methods than %s, but has a more general path pattern", p1.str, p2.str)
	}
	return fmt.Errorf("pattern %q conflicts with pattern %q:\n%s", p1.str, p2.str, why)
}
