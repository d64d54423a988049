package ardio

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

func lines(t *testing.T, input string, n int) []string {
	t.Helper()
	r := bufio.NewReaderSize(strings.NewReader(input), 64*1024)
	var out []string
	for i := 0; i < n; i++ {
		res := readLine(r)
		if res.Ok {
			out = append(out, "ok:"+res.Val)
		} else {
			out = append(out, "err:"+res.Err)
		}
	}
	return out
}

func same(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// STD-05 / STD-06: lines of one chunk are all read; terminators stripped;
// EOF gives Ok("").
func TestSTD05ReadLineSharedBuffer(t *testing.T) {
	same(t, lines(t, "first\nsecond\r\nthird", 5),
		[]string{"ok:first", "ok:second", "ok:third", "ok:", "ok:"})
	same(t, lines(t, "", 1), []string{"ok:"})
	same(t, lines(t, "\n\nx\r", 4), []string{"ok:", "ok:", "ok:x", "ok:"})
}

// STD-05: a line of 64 KiB or more is "bufio.Scanner: token too long"; the
// next line is still readable.
func TestSTD05ReadLineTooLong(t *testing.T) {
	ok := strings.Repeat("a", maxLine-1)
	long := strings.Repeat("b", maxLine)
	got := lines(t, ok+"\n"+long+"\nnext\n"+long, 4)
	same(t, got[1:], []string{"err:bufio.Scanner: token too long", "ok:next", "err:bufio.Scanner: token too long"})
	if got[0] != "ok:"+ok {
		t.Fatalf("line of %d bytes rejected", maxLine-1)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestSTD05ReadLineError(t *testing.T) {
	res := readLine(bufio.NewReader(io.MultiReader(strings.NewReader("par"), failingReader{})))
	if res.Ok || res.Err != "boom" {
		t.Fatalf("got %#v", res)
	}
}

// STD-05: ReadLine reads the process's stdin through one shared reader and
// is safe for concurrent use.
func TestSTD06ReadLineStdinConcurrent(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	stdinReader = nil
	defer func() { os.Stdin = old; stdinReader = nil }()
	var input strings.Builder
	for i := 0; i < 100; i++ {
		input.WriteString("line\n")
	}
	go func() { w.WriteString(input.String()); w.Close() }()
	var wg sync.WaitGroup
	var mu sync.Mutex
	count := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				if res := ReadLine(); res.Ok && res.Val == "line" {
					mu.Lock()
					count++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if count != 100 {
		t.Fatalf("read %d lines", count)
	}
	if res := ReadLine(); !res.Ok || res.Val != "" {
		t.Fatalf("after EOF: %#v", res)
	}
}

// STD-04: Print writes the text and a newline, byte for byte.
func TestSTD04Print(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	Print("a\tb \"q\"")
	Print("")
	os.Stdout = old
	w.Close()
	data, _ := io.ReadAll(r)
	if string(data) != "a\tb \"q\"\n\n" {
		t.Fatalf("got %q", data)
	}
}
