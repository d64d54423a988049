package ardhttp

import (
	"net"
	"net/http"
	"sort"
	"strings"
)

// A router with the pattern semantics of Go 1.22's net/http.ServeMux
// (stdlib.md §15.4: "[METHOD ][HOST]/PATH" with {name}, {name...} and {$}
// wildcards, trailing-slash subtrees, most-specific-wins precedence,
// conflicts rejected at registration, 404/405, redirects to the cleaned
// path and to "/tree/"). It is written here rather than taken from
// net/http because generated programs must build with Go 1.21, whose
// ServeMux has no patterns, and because a go.mod saying "go 1.21" turns
// the new ServeMux off (GODEBUG httpmuxgo121=1) even on newer toolchains.

// node is a routing tree like net/http's: host, then method, then one
// level per path segment.
type node struct {
	pat      *pattern
	handler  http.Handler
	children map[string]*node
	wild     *node // single wildcard child
	multi    *node // multi wildcard child (a leaf)
}

func (n *node) child(key string) *node {
	if n.children == nil {
		n.children = map[string]*node{}
	}
	c := n.children[key]
	if c == nil {
		c = &node{}
		n.children[key] = c
	}
	return c
}

type router struct {
	pats []*pattern
	root node
}

// handle registers a handler; it fails on a bad or conflicting pattern.
func (rt *router) handle(pat string, h http.Handler) error {
	p, err := parsePattern(pat)
	if err != nil {
		return err
	}
	for _, q := range rt.pats {
		if err := conflict(p, q); err != nil {
			return err
		}
	}
	rt.pats = append(rt.pats, p)
	n := rt.root.child(p.host).child(p.method)
	for _, seg := range p.segments {
		switch {
		case seg.multi:
			if n.multi == nil {
				n.multi = &node{}
			}
			n = n.multi
		case seg.wild:
			if n.wild == nil {
				n.wild = &node{}
			}
			n = n.wild
		default:
			n = n.child(seg.s)
		}
	}
	n.pat, n.handler = p, h
	return nil
}

func firstSegment(p string) (seg, rest string) {
	if p == "/" {
		return "/", ""
	}
	p = p[1:]
	i := strings.IndexByte(p, '/')
	if i < 0 {
		i = len(p)
	}
	return unescapePath(p[:i]), p[i:]
}

func (n *node) matchPath(p string, vals []string) (*node, []string) {
	if n == nil {
		return nil, nil
	}
	if p == "" {
		if n.pat == nil {
			return nil, nil
		}
		return n, vals
	}
	seg, rest := firstSegment(p)
	if m, v := n.children[seg].matchPath(rest, vals); m != nil {
		return m, v
	}
	if seg != "/" {
		if m, v := n.wild.matchPath(rest, append(vals, seg)); m != nil {
			return m, v
		}
	}
	if c := n.multi; c != nil && c.pat != nil {
		if c.pat.last().s != "" {
			vals = append(vals, unescapePath(p[1:]))
		}
		return c, vals
	}
	return nil, nil
}

func (n *node) matchMethodAndPath(method, p string) (*node, []string) {
	if n == nil {
		return nil, nil
	}
	if m, v := n.children[method].matchPath(p, nil); m != nil {
		return m, v
	}
	if method == "HEAD" {
		if m, v := n.children["GET"].matchPath(p, nil); m != nil {
			return m, v
		}
	}
	return n.children[""].matchPath(p, nil)
}

func (rt *router) match(host, method, p string) (*node, []string) {
	if host != "" {
		if m, v := rt.root.children[host].matchMethodAndPath(method, p); m != nil {
			return m, v
		}
	}
	return rt.root.children[""].matchMethodAndPath(method, p)
}

func exactMatch(n *node, p string) bool {
	if n == nil {
		return false
	}
	if !n.pat.last().multi {
		return true
	}
	if p != "" && p[len(p)-1] != '/' {
		return false
	}
	return len(n.pat.segments) == strings.Count(p, "/")
}

func (rt *router) allowedMethods(host, p string) []string {
	set := map[string]bool{}
	collect := func(hn *node, p string) {
		if hn == nil {
			return
		}
		for method, mn := range hn.children {
			if method == "" {
				continue
			}
			if m, _ := mn.matchPath(p, nil); m != nil {
				set[method] = true
			}
		}
	}
	paths := []string{p}
	if !strings.HasSuffix(p, "/") {
		// The trailing-slash redirect would apply too.
		paths = append(paths, p+"/")
	}
	for _, p := range paths {
		if host != "" {
			collect(rt.root.children[host], p)
		}
		collect(rt.root.children[""], p)
	}
	if set["GET"] {
		set["HEAD"] = true
	}
	out := make([]string, 0, len(set))
	for m := range set {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

func stripHostPort(h string) string {
	if !strings.Contains(h, ":") {
		return h
	}
	host, _, err := net.SplitHostPort(h)
	if err != nil {
		return h
	}
	return host
}

// route finds the handler for r and the wildcard values (name → value).
// When there is no handler it returns a redirect, 405 or 404 handler.
func (rt *router) route(r *http.Request) (http.Handler, map[string]string) {
	host := stripHostPort(r.Host)
	escaped := r.URL.EscapedPath()
	p := escaped
	if r.Method != "CONNECT" {
		p = cleanPath(escaped)
	}
	n, vals := rt.match(host, r.Method, p)
	withQuery := func(p string) string {
		if r.URL.RawQuery != "" {
			return p + "?" + r.URL.RawQuery
		}
		return p
	}
	if !exactMatch(n, p) && !strings.HasSuffix(p, "/") && p != "" {
		if n2, _ := rt.match(host, r.Method, p+"/"); exactMatch(n2, p+"/") {
			return http.RedirectHandler(withQuery(p+"/"), http.StatusMovedPermanently), nil
		}
	}
	if p != escaped {
		return http.RedirectHandler(withQuery(p), http.StatusMovedPermanently), nil
	}
	if n == nil {
		if allowed := rt.allowedMethods(host, p); len(allowed) > 0 {
			return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Allow", strings.Join(allowed, ", "))
				http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			}), nil
		}
		return http.NotFoundHandler(), nil
	}
	params := map[string]string{}
	i := 0
	for _, seg := range n.pat.segments {
		if seg.wild && seg.s != "" && i < len(vals) {
			params[seg.s] = vals[i]
			i++
		}
	}
	return n.handler, params
}
