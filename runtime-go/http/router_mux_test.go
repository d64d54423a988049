//go:build go1.22

//go:debug httpmuxgo121=0

package ardhttp

// Differential test: the router against the real net/http.ServeMux of the
// toolchain running the tests (Go 1.22+ pattern semantics).

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func muxOutcome(mux *http.ServeMux, method, target string) string {
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return outcome(rec, req)
}

func outcome(rec *httptest.ResponseRecorder, req *http.Request) string {
	if rec.Code == 200 {
		return rec.Body.String()
	}
	out := fmt.Sprint(rec.Code/100) + "xx"
	if rec.Code != 301 && rec.Code != 307 {
		out = fmt.Sprint(rec.Code)
	}
	if loc := rec.Header().Get("Location"); loc != "" {
		out += " " + loc
	}
	if allow := rec.Header().Get("Allow"); allow != "" {
		out += " [" + allow + "]"
	}
	return out
}

func routerOutcome(r *router, method, target string) string {
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	h, params := r.route(req)
	if tg, ok := h.(tag); ok {
		keys := []string{}
		for k, v := range params {
			keys = append(keys, k+"="+v)
		}
		rec.WriteString(string(tg) + " " + strings.Join(sorted(keys), ","))
	} else {
		h.ServeHTTP(rec, req)
	}
	return outcome(rec, req)
}

func sorted(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func TestSTD56RouterMatchesServeMux(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	segs := []string{"a", "b", "{x}", "{y}", "{rest...}", "{$}"}
	methods := []string{"", "GET ", "POST ", "HEAD "}
	reqSegs := []string{"a", "b", "c", "", "..", "a%2Fb"}
	mismatches := 0
	for round := 0; round < 3000 && mismatches < 10; round++ {
		mux := http.NewServeMux()
		r := &router{}
		var pats []string
		for i := rng.Intn(5) + 1; i > 0; i-- {
			n := rng.Intn(3) + 1
			var b strings.Builder
			for j := 0; j < n; j++ {
				b.WriteString("/" + segs[rng.Intn(len(segs))])
			}
			if rng.Intn(4) == 0 {
				b.WriteString("/")
			}
			pat := methods[rng.Intn(len(methods))] + b.String()
			var muxErr any
			func() {
				defer func() { muxErr = recover() }()
				pattern := pat
				mux.HandleFunc(pattern, func(w http.ResponseWriter, req *http.Request) {
					keys := []string{}
					for _, name := range []string{"x", "y", "rest"} {
						if v := req.PathValue(name); v != "" || strings.Contains(pattern, "{"+name) {
							keys = append(keys, name+"="+v)
						}
					}
					w.Write([]byte(pattern + " " + strings.Join(sorted(keys), ",")))
				})
			}()
			ourErr := r.handle(pat, tag(pat))
			if (muxErr == nil) != (ourErr == nil) {
				t.Errorf("patterns %q + %q: mux %v, ours %v", pats, pat, muxErr, ourErr)
				mismatches++
			}
			if ourErr == nil {
				pats = append(pats, pat)
			}
		}
		for k := 0; k < 20; k++ {
			var b strings.Builder
			for j := rng.Intn(4); j >= 0; j-- {
				b.WriteString("/" + reqSegs[rng.Intn(len(reqSegs))])
			}
			method := []string{"GET", "POST", "HEAD", "PUT"}[rng.Intn(4)]
			target := b.String()
			want := muxOutcome(mux, method, target)
			got := routerOutcome(r, method, target)
			if method == "HEAD" {
				// bodies are not comparable for HEAD through the recorder
				want, got = strings.Fields(want + " ")[0], strings.Fields(got + " ")[0]
			}
			if got != want {
				t.Errorf("patterns %q, %s %s: got %q, mux %q", pats, method, target, got, want)
				mismatches++
			}
		}
	}
}
