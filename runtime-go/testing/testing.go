// Package ardtesting implements ard/testing (issue 13) and runs Ard test
// functions as Go tests: the harness that `ard2go test` generates
// (`ard_test.go`) calls Run once per test.
package ardtesting

import (
	"encoding/json"
	"flag"
	"reflect"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"ard2go.dev/rt"
)

// Same reports whether two Str::ToString values are equal: the same Go type
// and deeply equal values (binding "testing.Same").
func Same(actual, expected any) bool {
	return reflect.TypeOf(actual) == reflect.TypeOf(expected) && reflect.DeepEqual(actual, expected)
}

// Show writes an Int, Float, Bool or Str as an Ard literal (a Float in its
// shortest exact form, a Str quoted) and anything else as text, its to_str()
// (binding "testing.Show").
func Show(v any, text string) string {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.String:
		return strconv.Quote(rv.String())
	}
	return text
}

// Outcome is what a test function returns: Void!Str.
type Outcome = rt.Result[struct{}, string]

// timeout is the time limit of one test (`ard2go test --timeout`); 0 means
// none. A test that runs longer is reported and abandoned, and the others go
// on.
var timeout = flag.Duration("ard.timeout", 0, "time limit of each Ard test (0: none)")

// failFast stops starting tests once one has failed (`ard2go test
// --fail-fast`); the tests already running finish.
var failFast = flag.Bool("ard.failfast", false, "do not start tests after a failure")

// failed is set by the first test that does not pass.
var failed atomic.Bool

// Marker starts the line through which Run reports a failed test to
// ard2go, which reads it from `go test -json` output: Marker, a space and a
// JSON object {"outcome", "message", "pos"}.
const Marker = "ard2go-outcome"

type report struct {
	Outcome string `json:"outcome"`
	Message string `json:"message"`
	Pos     string `json:"pos"`
}

// Run runs one Ard test in parallel with the others. body calls the test
// function with a fresh world. An Ard panic or run-time fault inside it is
// reported as "panic" with the Ard position, an err result as "fail", and a
// test that outlives the time limit as "timeout"; none of them stops the
// other tests.
func Run(t *testing.T, body func() Outcome) {
	t.Parallel()
	if *failFast && failed.Load() {
		t.Skip("not run: an earlier test failed (--fail-fast)")
	}
	done := make(chan report, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				msg, pos := rt.Describe(r)
				done <- report{Outcome: "panic", Message: msg, Pos: pos}
			}
		}()
		res := body()
		if res.Ok {
			done <- report{Outcome: "pass"}
		} else {
			done <- report{Outcome: "fail", Message: res.Err}
		}
	}()
	var expired <-chan time.Time
	if *timeout > 0 {
		timer := time.NewTimer(*timeout)
		defer timer.Stop()
		expired = timer.C
	}
	select {
	case r := <-done:
		if r.Outcome != "pass" {
			fail(t, r)
		}
	case <-expired:
		fail(t, report{Outcome: "timeout", Message: "did not finish within " + timeout.String()})
	}
}

// RunIn is Run for a test function that takes the world: it gets a new one
// from world. (The harness names the functions instead of wrapping each in a
// closure: a thousand tests build noticeably faster.)
func RunIn[W any](t *testing.T, world func() W, body func(W) Outcome) {
	Run(t, func() Outcome { return body(world()) })
}

func fail(t *testing.T, r report) {
	failed.Store(true)
	line, err := json.Marshal(r)
	if err != nil {
		line = []byte(`{"outcome":"panic","message":"unreportable failure"}`)
	}
	t.Error(Marker + " " + string(line))
}
