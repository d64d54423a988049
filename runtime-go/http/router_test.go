package ardhttp

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type tag string

func (tag) ServeHTTP(http.ResponseWriter, *http.Request) {}

func newRouter(t *testing.T, patterns ...string) *router {
	t.Helper()
	r := &router{}
	for _, p := range patterns {
		if err := r.handle(p, tag(p)); err != nil {
			t.Fatalf("register %q: %v", p, err)
		}
	}
	return r
}

// routeOf describes where a request goes: the pattern, or the status of
// the fallback handler (plus Location / Allow).
func routeOf(r *router, method, target string) (string, map[string]string) {
	req := httptest.NewRequest(method, target, nil)
	h, params := r.route(req)
	if tg, ok := h.(tag); ok {
		return string(tg), params
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	out := http.StatusText(rec.Code)
	if loc := rec.Header().Get("Location"); loc != "" {
		out += " " + loc
	}
	if allow := rec.Header().Get("Allow"); allow != "" {
		out += " [" + allow + "]"
	}
	return out, nil
}

// STD-56: Go 1.22 ServeMux routing rules.
func TestSTD56Routing(t *testing.T) {
	r := newRouter(t, "/echo", "/files/", "/", "GET /only", "/users/{id}", "/users/{id}/posts/{post}",
		"/static/{path...}", "/exact/{$}", "POST /items", "/a/b", "/a/{x}", "example.com/host")
	cases := []struct{ method, target, want string }{
		{"GET", "/echo", "/echo"},
		{"GET", "/echo/", "/"},
		{"GET", "/echo?q=1", "/echo"},
		{"GET", "/files/a/b.txt", "/files/"},
		{"GET", "/files/", "/files/"},
		{"GET", "/files", "Moved Permanently /files/"},
		{"GET", "/nothing/here", "/"},
		{"GET", "/only", "GET /only"},
		{"HEAD", "/only", "GET /only"},
		{"POST", "/only", "/"},
		{"GET", "/users/42", "/users/{id}"},
		{"GET", "/users/42/posts/7", "/users/{id}/posts/{post}"},
		{"GET", "/static/css/site.css", "/static/{path...}"},
		{"GET", "/exact/", "/exact/{$}"},
		{"GET", "/exact/more", "/"},
		{"POST", "/items", "POST /items"},
		{"GET", "/a/b", "/a/b"},
		{"GET", "/a/c", "/a/{x}"},
		{"GET", "/x/../echo", "Moved Permanently /echo"},
		{"GET", "http://example.com/host", "example.com/host"},
	}
	for _, c := range cases {
		if got, _ := routeOf(r, c.method, c.target); got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.method, c.target, got, c.want)
		}
	}
	_, params := routeOf(r, "GET", "/users/42/posts/a%20b")
	if params["id"] != "42" || params["post"] != "a b" {
		t.Errorf("params %v", params)
	}
	_, params = routeOf(r, "GET", "/static/css/site.css")
	if params["path"] != "css/site.css" {
		t.Errorf("multi param %v", params)
	}
}

// STD-56: without a catch-all: 404 and 405 (with Allow).
func TestSTD56NotFoundAndMethodNotAllowed(t *testing.T) {
	r := newRouter(t, "GET /only", "POST /only", "/x")
	if got, _ := routeOf(r, "GET", "/missing"); got != "Not Found" {
		t.Errorf("404: %q", got)
	}
	if got, _ := routeOf(r, "DELETE", "/only"); got != "Method Not Allowed [GET, HEAD, POST]" {
		t.Errorf("405: %q", got)
	}
	req := httptest.NewRequest("GET", "/missing", nil)
	rec := httptest.NewRecorder()
	h, _ := r.route(req)
	h.ServeHTTP(rec, req)
	if rec.Body.String() != "404 page not found\n" {
		t.Errorf("404 body %q", rec.Body.String())
	}
}

// STD-56: conflicting or malformed patterns are registration errors.
func TestSTD56Conflicts(t *testing.T) {
	cases := []struct {
		first, second, want string
	}{
		{"/a/{x}", "/a/{y}", `pattern "/a/{y}" conflicts with pattern "/a/{x}":` + "\n/a/{y} matches the same requests as /a/{x}"},
		{"/a/{x}/c", "/a/b/{y}", "neither is more specific"},
		{"/a/b", "GET /a/{x}", "matches fewer methods"},
		{"/echo", "/echo", "matches the same requests"},
	}
	for _, c := range cases {
		r := newRouter(t, c.first)
		err := r.handle(c.second, tag(c.second))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q vs %q: %v", c.first, c.second, err)
		}
	}
	for _, bad := range []string{"", "nopath", "/a/{x", "/a/{x}/{x}", "/{...}", "/a/{x...}/b", "/{$}/a", "/a/b{x}", "BAD@ /a", "GET /a/../b"} {
		if err := (&router{}).handle(bad, tag(bad)); err == nil {
			t.Errorf("pattern %q accepted", bad)
		}
	}
	// Patterns that do not conflict.
	newRouter(t, "GET /a", "POST /a", "/a/{x}", "/a/b", "/a/", "/a/{x}/c", "/c/{y}/d", "h.example/a", "/b/{$}", "/b/{x...}")
}

func TestSTD56ConvertPattern(t *testing.T) {
	for in, want := range map[string]string{
		"/users/:id":          "/users/{id}",
		"GET /a/:x/b/:y":      "GET /a/{x}/b/{y}",
		"/plain":              "/plain",
		"/files/":             "/files/",
		"/time:stamp/:x_y2/z": "/time:stamp/{x_y2}/z",
	} {
		if got := ConvertPattern(in); got != want {
			t.Errorf("%q: %q", in, got)
		}
	}
}

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{"": "/", "a": "/a", "/a//b/": "/a/b/", "/a/./b/../c": "/a/c", "/": "/"} {
		if got := cleanPath(in); got != want {
			t.Errorf("%q: %q", in, got)
		}
	}
}
