package ardsqlite

import (
	"strings"

	"ard2go.dev/rt"
)

// Named parameters ("@name") of ard/sqlite queries (stdlib.md §16.2).

func isParamSeparator(c byte) bool {
	switch c {
	case ' ', '(', ')', ',', ';', '=', '<', '>', '!', '\t', '\r', '\n':
		return true
	}
	return false
}

// paramToken is one "@name" token of a query.
type paramToken struct {
	start, end int    // the replaceable text: leading '@'s and the name
	name       string // without '@'s and trailing punctuation
}

// paramTokens splits sql on the separators and returns the tokens that
// start with '@', are longer than one character and have a non-empty name.
func paramTokens(sql string) []paramToken {
	var out []paramToken
	for i := 0; i < len(sql); {
		if isParamSeparator(sql[i]) {
			i++
			continue
		}
		j := i
		for j < len(sql) && !isParamSeparator(sql[j]) {
			j++
		}
		tok := sql[i:j]
		if len(tok) > 1 && tok[0] == '@' {
			at := len(tok) - len(strings.TrimLeft(tok, "@"))
			name := strings.TrimRight(tok[at:], ".,;:!?")
			if name != "" {
				out = append(out, paramToken{start: i, end: i + at + len(name), name: name})
			}
		}
		i = j
	}
	return out
}

// ExtractParams lists the parameter names of sql in order of first
// appearance, without duplicates (binding "sqlite.ExtractParams"; STD-65).
func ExtractParams(sql string) *rt.List[string] {
	seen := map[string]bool{}
	names := []string{}
	for _, t := range paramTokens(sql) {
		if !seen[t.name] {
			seen[t.name] = true
			names = append(names, t.name)
		}
	}
	return rt.NewList(names...)
}

func paramSet(params *rt.List[string]) map[string]bool {
	set := map[string]bool{}
	if params != nil {
		for _, p := range params.Items {
			set[p] = true
		}
	}
	return set
}

// Placeholders replaces every occurrence of a parameter in params by "?"
// (binding "sqlite.Placeholders"). Only whole tokens are replaced, so a
// name that is a prefix of another ("@ab", "@abc") is handled correctly.
func Placeholders(sql string, params *rt.List[string]) string {
	set := paramSet(params)
	var b strings.Builder
	last := 0
	for _, t := range paramTokens(sql) {
		if set[t.name] {
			b.WriteString(sql[last:t.start])
			b.WriteByte('?')
			last = t.end
		}
	}
	b.WriteString(sql[last:])
	return b.String()
}

// Occurrences lists, in textual order, the parameter of params behind each
// "?" that Placeholders writes (binding "sqlite.Occurrences"), so a name
// used twice is bound twice.
func Occurrences(sql string, params *rt.List[string]) *rt.List[string] {
	set := paramSet(params)
	names := []string{}
	for _, t := range paramTokens(sql) {
		if set[t.name] {
			names = append(names, t.name)
		}
	}
	return rt.NewList(names...)
}
