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

// Wait joins the fiber behind a Fiber handle. A Fiber built by hand (not
// by async::start) stands for no fiber: joining it is an Ard panic.
func Wait(handle any) {
	f, ok := handle.(*rt.Fiber)
	if !ok || f == nil {
		rt.Panic("join: this Fiber was not started with async::start")
	}
	f.Join()
}
