package ardhttp

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ard2go.dev/rt"
)

// startServer runs serveAddr on 127.0.0.1 with an ephemeral port, the way
// Serve runs, and stops it when the test ends (bounded by a timeout).
func startServer(t *testing.T, handlers map[string]func(any) any, order ...string) string {
	t.Helper()
	m := rt.NewMap[string, func(any) any](0)
	for _, k := range order {
		m.Set(k, handlers[k])
	}
	type started struct {
		srv  *http.Server
		addr net.Addr
	}
	ready := make(chan started, 1)
	done := make(chan rt.Result[void, string], 1)
	go func() {
		done <- serveAddr("127.0.0.1:0", m, func(s *http.Server, a net.Addr) { ready <- started{s, a} })
	}()
	select {
	case s := <-ready:
		t.Cleanup(func() {
			s.srv.Close()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Error("server did not stop")
			}
		})
		return "http://" + s.addr.String()
	case r := <-done:
		t.Fatalf("serve failed: %#v", r)
	case <-time.After(5 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

func headers(kv ...string) *rt.Map[string, string] {
	m := rt.NewMap[string, string](0)
	for i := 0; i+1 < len(kv); i += 2 {
		m.Set(kv[i], kv[i+1])
	}
	return m
}

// echo describes the request the way an Ard handler sees it.
func echo(raw any) any {
	hs := RequestHeaders(raw)
	var b strings.Builder
	fmt.Fprintf(&b, "method=%d url=%s path=%s id=%s q=%s body=%q", RequestMethod(raw), RequestURL(raw),
		RequestPath(raw), PathValue(raw, "id"), QueryParam(raw, "q"), RequestBody(raw))
	if v := hs.Get("X-Custom"); v.Ok {
		b.WriteString(" x-custom=" + v.Val)
	}
	return MakeResponse(200, headers("X-Reply", "yes"), b.String())
}

func send(t *testing.T, method, url string, body rt.Maybe[string], hs *rt.Map[string, string]) *response {
	t.Helper()
	r := Send(method, url, body, hs)
	if !r.Ok {
		t.Fatalf("%s %s: %s", method, url, r.Err)
	}
	return r.Val.(*response)
}

// STD-55..STD-58 and STD-53/STD-54: requests through the real server and
// client.
func TestSTD55ServeAndSend(t *testing.T) {
	base := startServer(t, map[string]func(any) any{
		"/users/:id": echo,
		"/echo":      echo,
		"GET /only":  func(any) any { return MakeResponse(201, headers(), "only") },
		"/files/":    func(raw any) any { return MakeResponse(200, headers("Content-Type", "text/csv"), RequestPath(raw)) },
		"/teapot":    func(any) any { return MakeResponse(418, headers(), "short and stout") },
		"/redirect":  func(any) any { return MakeResponse(302, headers("Location", "/echo?q=moved"), "") },
	}, "/users/:id", "/echo", "GET /only", "/files/", "/teapot", "/redirect")

	r := send(t, "GET", base+"/users/42?q=hello&q=two", rt.None[string](), headers("x-custom", "abc"))
	if r.status != 200 || r.body != `method=0 url=/users/42?q=hello&q=two path=/users/42 id=42 q=hello body="" x-custom=abc` {
		t.Errorf("GET: %d %q", r.status, r.body)
	}
	if v := r.headers.Get("X-Reply"); !v.Ok || v.Val != "yes" {
		t.Errorf("reply header %#v", v)
	}
	if v := r.headers.Get("Content-Type"); v.Val != "text/plain; charset=utf-8" {
		t.Errorf("sniffed content type %q", v.Val)
	}
	for i, method := range []string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"} {
		want := i
		if method == "TRACE" {
			want = 0
		}
		r = send(t, method, base+"/echo", rt.Some("payload"), nil)
		if !strings.HasPrefix(r.body, "method="+strconv.Itoa(want)+" ") || !strings.Contains(r.body, `body="payload"`) {
			t.Errorf("%s: %q", method, r.body)
		}
	}
	if r = send(t, "GET", base+"/only", rt.None[string](), nil); r.status != 201 || r.body != "only" {
		t.Errorf("only: %d %q", r.status, r.body)
	}
	if r = send(t, "POST", base+"/only", rt.None[string](), nil); r.status != 405 {
		t.Errorf("POST /only: %d", r.status)
	}
	if r = send(t, "GET", base+"/nope", rt.None[string](), nil); r.status != 404 || r.body != "404 page not found\n" {
		t.Errorf("404: %d %q", r.status, r.body)
	}
	if r = send(t, "GET", base+"/files/a/b.txt", rt.None[string](), nil); r.body != "/files/a/b.txt" || r.headers.Get("Content-Type").Val != "text/csv" {
		t.Errorf("subtree: %q %#v", r.body, r.headers.Get("Content-Type"))
	}
	if r = send(t, "GET", base+"/teapot", rt.None[string](), nil); r.status != 418 || r.body != "short and stout" {
		t.Errorf("teapot: %d", r.status)
	}
	if r = send(t, "GET", base+"/redirect", rt.None[string](), nil); r.status != 200 || !strings.Contains(r.body, "q=moved") {
		t.Errorf("redirect not followed: %d %q", r.status, r.body)
	}
	// Accessor functions on foreign values do not fail.
	if ResponseStatus("x") != 0 || ResponseBody(nil) != "" || ResponseHeaders(1).Size() != 0 ||
		RequestPath("x") != "" || PathValue(nil, "id") != "" || QueryParam(3, "q") != "" ||
		RequestMethod(nil) != 0 || RequestURL(nil) != "" || RequestBody(nil) != "" || RequestHeaders(nil).Size() != 0 {
		t.Error("accessors on foreign values")
	}
}

// STD-59: a failing handler (Ard panic, invalid status) drops that
// connection; the server keeps serving.
func TestSTD59HandlerFailures(t *testing.T) {
	log.SetOutput(io.Discard) // net/http logs the recovered panics
	defer log.SetOutput(os.Stderr)
	base := startServer(t, map[string]func(any) any{
		"/panic":  func(any) any { rt.Panic("boom"); return nil },
		"/status": func(any) any { return MakeResponse(42, headers(), "") },
		"/ok":     func(any) any { return MakeResponse(200, headers(), "fine") },
	}, "/panic", "/status", "/ok")
	for _, p := range []string{"/panic", "/status"} {
		if r := Send("GET", base+p, rt.None[string](), nil); r.Ok {
			t.Errorf("%s: got a response %d", p, r.Val.(*response).status)
		}
	}
	if r := send(t, "GET", base+"/ok", rt.None[string](), nil); r.body != "fine" {
		t.Errorf("server stopped serving: %q", r.body)
	}
}

// STD-60: concurrent requests are handled one at a time.
func TestSTD60HandlersSerialised(t *testing.T) {
	var active, maxActive, hits int32
	base := startServer(t, map[string]func(any) any{
		"/": func(any) any {
			n := atomic.AddInt32(&active, 1)
			for {
				m := atomic.LoadInt32(&maxActive)
				if n <= m || atomic.CompareAndSwapInt32(&maxActive, m, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			hits++ // unsynchronised on purpose: the lock protects it
			atomic.AddInt32(&active, -1)
			return MakeResponse(200, headers(), "")
		},
	}, "/")
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Send("GET", base+"/x", rt.None[string](), nil)
		}()
	}
	wg.Wait()
	if maxActive != 1 || hits != 20 {
		t.Errorf("max concurrent handlers %d, hits %d", maxActive, hits)
	}
}

// STD-55, STD-56: Serve's errors.
func TestSTD55ServeErrors(t *testing.T) {
	m := rt.NewMap[string, func(any) any](0)
	m.Set("/a/:x", echo)
	m.Set("/a/:y", echo)
	r := Serve(0, m)
	want := "panic in FFI function 'HTTP_Serve': pattern \"/a/{y}\" conflicts with pattern \"/a/{x}\":\n/a/{y} matches the same requests as /a/{x}"
	if r.Ok || r.Err != want {
		t.Errorf("conflict: %q", r.Err)
	}
	// A port already in use (held on 127.0.0.1; ":port" cannot be bound then).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	ok := rt.NewMap[string, func(any) any](0)
	ok.Set("/", echo)
	done := make(chan rt.Result[void, string], 1)
	go func() { done <- Serve(port, ok) }()
	select {
	case r := <-done:
		want := fmt.Sprintf("listen tcp :%d: bind: address already in use", port)
		if r.Ok || r.Err != want {
			t.Errorf("listen error %q", r.Err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not fail on a used port")
	}
}

// STD-53: client error texts.
func TestSTD53SendErrors(t *testing.T) {
	r := Send("OPTIONS", "http://127.0.0.1:1/x", rt.None[string](), nil)
	if r.Ok || r.Err != `Options "http://127.0.0.1:1/x": dial tcp 127.0.0.1:1: connect: connection refused` {
		t.Errorf("refused: %q", r.Err)
	}
	r = Send("GET", "::bad url", rt.None[string](), nil)
	if r.Ok || r.Err != `parse "::bad url": missing protocol scheme` {
		t.Errorf("bad url: %q", r.Err)
	}
}
