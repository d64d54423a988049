package rt

import (
	"os"
	"sync"
)

// Fiber is the handle returned by async::start. Join waits for the fiber
// and may be called any number of times.
type Fiber struct {
	wg sync.WaitGroup
}

// Start runs body on a new goroutine. An Ard panic inside the fiber ends
// only that fiber ("Panic in fiber: ..."); a run-time fault ends the whole
// process with exit code 2 (fibers.md §9).
func Start(body func()) *Fiber {
	f := &Fiber{}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		defer func() {
			if r := recover(); r != nil {
				if code := report(r, true); code != 1 {
					os.Exit(code)
				}
			}
		}()
		body()
	}()
	return f
}

// Join waits until the fiber has finished.
func (f *Fiber) Join() { f.wg.Wait() }
