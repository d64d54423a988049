//go:build !cgo

package ardsqlite

import (
	"strings"
	"testing"
)

func TestSTD61WithoutCgo(t *testing.T) {
	if r := Connect("x.db"); r.Ok || !strings.Contains(r.Err, "needs cgo") {
		t.Fatalf("%#v", r)
	}
}
