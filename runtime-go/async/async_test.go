package ardasync

import (
	"testing"
	"time"

	"ard2go.dev/rt"
)

func TestSleepAndWait(t *testing.T) {
	start := time.Now()
	Sleep(20)
	if time.Since(start) < 20*time.Millisecond {
		t.Fatal("Sleep returned early")
	}
	done := false
	f := rt.Start(func() { done = true })
	Wait(f)
	Wait(f)
	if !done {
		t.Fatal("Wait did not join")
	}
	Sleep(-5)
	defer func() {
		if _, ok := recover().(*rt.ArdPanic); !ok {
			t.Fatal("joining a fake fiber must be an Ard panic")
		}
	}()
	Wait(1)
}
