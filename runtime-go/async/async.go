// Package ardasync implements the externs of ard/async.
package ardasync

import (
	"time"

	"ard2go.dev/rt"
)

// Sleep blocks the calling fiber for ms milliseconds.
func Sleep(ms int) {
	if ms > 0 {
		time.Sleep(time.Duration(ms) * time.Millisecond)
	}
}

// Wait joins the fiber behind a Fiber handle.
func Wait(handle any) {
	if f, ok := handle.(*rt.Fiber); ok {
		f.Join()
	}
}
