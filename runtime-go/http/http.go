// Package ardhttp implements the Go side of ard/http (stdlib.md §15): the
// client (Send) and the server (Serve). Requests and responses cross the
// extern boundary as opaque Dynamic handles plus accessor functions, since
// externs cannot mention the Ard structs Request and Response.
package ardhttp

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"ard2go.dev/rt"
)

type void = struct{}

// response is a handler's answer (MakeResponse) or a client result (Send).
type response struct {
	status  int
	headers *rt.Map[string, string]
	body    string
}

// ArdOpaque marks the handle as internal (json::encode writes null).
func (*response) ArdOpaque() {}

// inbound is the raw Dynamic of a request received by Serve.
type inbound struct {
	req    *http.Request
	params map[string]string
	body   string
}

func (*inbound) ArdOpaque() {}

// firstValues maps each canonical header name to its first value, names
// sorted so that iteration order is deterministic.
func firstValues(h http.Header) *rt.Map[string, string] {
	names := make([]string, 0, len(h))
	for k, v := range h {
		if len(v) > 0 {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	m := rt.NewMap[string, string](len(names))
	for _, k := range names {
		m.Set(k, h[k][0])
	}
	return m
}

// ---- client (STD-53, STD-54) ----

var client = &http.Client{Timeout: 30 * time.Second}

// Send performs one request and reads the whole response (binding
// "http.Send"). Any HTTP status is Ok; transport and URL errors are Err
// with Go's error text. The body is sent when it is some (STD-54
// recommendation).
func Send(method, url string, body rt.Maybe[string], headers *rt.Map[string, string]) rt.Result[any, string] {
	var reader io.Reader
	if body.Ok {
		reader = strings.NewReader(body.Val)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		return rt.Err[any](err.Error())
	}
	if headers != nil {
		for it := headers.Iter(); it.Next() || it.Seek(); {
			req.Header.Set(it.Key(), it.Val())
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return rt.Err[any](err.Error())
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return rt.Err[any](err.Error())
	}
	return rt.Ok[any, string](&response{status: resp.StatusCode, headers: firstValues(resp.Header), body: string(data)})
}

func asResponse(raw any) *response {
	if r, ok := raw.(*response); ok {
		return r
	}
	return &response{headers: rt.NewMap[string, string](0)}
}

// ResponseStatus, ResponseHeaders and ResponseBody read a Send result.
func ResponseStatus(raw any) int { return asResponse(raw).status }

func ResponseHeaders(raw any) *rt.Map[string, string] {
	return asResponse(raw).headers.Clone(nil)
}

func ResponseBody(raw any) string { return asResponse(raw).body }

// MakeResponse packs a handler's Response for the server.
func MakeResponse(status int, headers *rt.Map[string, string], body string) any {
	if headers == nil {
		headers = rt.NewMap[string, string](0)
	}
	return &response{status: status, headers: headers.Clone(nil), body: body}
}

// ---- server (STD-55..STD-60) ----

// Method indices of http::Method (Get, Post, Put, Del, Patch, Options).
var methodIndex = map[string]int{"GET": 0, "POST": 1, "PUT": 2, "DELETE": 3, "PATCH": 4, "OPTIONS": 5}

func asInbound(raw any) *inbound {
	if in, ok := raw.(*inbound); ok {
		return in
	}
	return nil
}

// RequestMethod is the http::Method index of a served request; methods
// other than the six variants map to Get (0).
func RequestMethod(raw any) int {
	if in := asInbound(raw); in != nil {
		return methodIndex[in.req.Method]
	}
	return 0
}

// RequestURL is the request target as received (path and ?query).
func RequestURL(raw any) string {
	if in := asInbound(raw); in != nil {
		return in.req.RequestURI
	}
	return ""
}

// RequestHeaders maps canonical header names to their first value.
func RequestHeaders(raw any) *rt.Map[string, string] {
	if in := asInbound(raw); in != nil {
		return firstValues(in.req.Header)
	}
	return rt.NewMap[string, string](0)
}

// RequestBody is the full request body ("" when there is none).
func RequestBody(raw any) string {
	if in := asInbound(raw); in != nil {
		return in.body
	}
	return ""
}

// RequestPath is the URL path without the query (Request.path()).
func RequestPath(raw any) string {
	if in := asInbound(raw); in != nil {
		return in.req.URL.Path
	}
	return ""
}

// PathValue is the value of the route's {name} wildcard ("" if none).
func PathValue(raw any, name string) string {
	if in := asInbound(raw); in != nil {
		return in.params[name]
	}
	return ""
}

// QueryParam is the first value of query parameter name, URL-decoded.
func QueryParam(raw any, name string) string {
	if in := asInbound(raw); in != nil {
		return in.req.URL.Query().Get(name)
	}
	return ""
}

// Serve listens on ":port" (all interfaces) and serves the handlers
// forever (binding "http.Serve"). It returns only on failure: a bad or
// conflicting pattern, or a listen error such as
// "listen tcp :18081: bind: address already in use".
func Serve(port int, handlers *rt.Map[string, func(any) any]) rt.Result[void, string] {
	return serveAddr(":"+strconv.Itoa(port), handlers, nil)
}

// serveAddr is Serve on any address; started, when set, receives the
// running server (tests use it to learn the port and to stop the server).
func serveAddr(addr string, handlers *rt.Map[string, func(any) any], started func(*http.Server, net.Addr)) rt.Result[void, string] {
	h, err := newServer(handlers)
	if err != nil {
		return rt.Err[void]("panic in FFI function 'HTTP_Serve': " + err.Error())
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return rt.Err[void](err.Error())
	}
	srv := &http.Server{Handler: h}
	if started != nil {
		started(srv, ln.Addr())
	}
	err = srv.Serve(ln)
	return rt.Err[void](err.Error())
}

// server routes requests to Ard handlers. Handler calls are serialised by
// one mutex per Serve call (STD-60 recommendation): handlers share the
// program's state, and requests that do not overlap behave exactly as
// without the lock.
type server struct {
	router router
	mu     sync.Mutex
}

type ardHandler struct {
	fn func(any) any
}

func (ardHandler) ServeHTTP(http.ResponseWriter, *http.Request) {}

// ConvertPattern turns "/users/:id" into "/users/{id}" (STD-56).
func ConvertPattern(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		if i > 0 && strings.HasPrefix(p, ":") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

func newServer(handlers *rt.Map[string, func(any) any]) (*server, error) {
	s := &server{}
	if handlers == nil {
		return s, nil
	}
	for it := handlers.Iter(); it.Next() || it.Seek(); {
		if err := s.router.handle(ConvertPattern(it.Key()), ardHandler{fn: it.Val()}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, params := s.router.route(r)
	ah, ok := h.(ardHandler)
	if !ok {
		h.ServeHTTP(w, r)
		return
	}
	data, _ := io.ReadAll(r.Body)
	in := &inbound{req: r, params: params, body: string(data)}
	res := s.call(ah.fn, in)
	out, ok := res.(*response)
	if !ok {
		panic(fmt.Sprintf("http handler returned %T instead of a Response", res))
	}
	for it := out.headers.Iter(); it.Next() || it.Seek(); {
		w.Header().Set(it.Key(), it.Val())
	}
	// An invalid status panics inside net/http ("invalid WriteHeader code
	// 42"); net/http recovers it, logs it and drops the connection (STD-58).
	w.WriteHeader(out.status)
	io.WriteString(w, out.body)
}

func (s *server) call(fn func(any) any, in *inbound) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fn(in)
}
