// Package ardio implements ard/io (stdlib.md §1).
package ardio

import (
	"bufio"
	"io"
	"os"
	"sync"

	"ard2go.dev/rt"
)

// Print writes s and a newline to stdout in a single write (binding
// "io.Print"; STD-04). Lines from concurrent fibers never mix.
func Print(s string) { rt.Print(s) }

// maxLine is bufio.Scanner's default token limit: a line (without its
// "\n") of this many bytes or more is an error, like in the reference.
const maxLine = bufio.MaxScanTokenSize

var (
	stdinMu     sync.Mutex
	stdinReader *bufio.Reader
)

// ReadLine reads one line from stdin (binding "io.ReadLine"; STD-05).
// The reader is shared by the whole process (all fibers), so input that
// arrives in one chunk is not lost between calls (STD-06 recommendation).
func ReadLine() rt.Result[string, string] {
	stdinMu.Lock()
	defer stdinMu.Unlock()
	if stdinReader == nil {
		stdinReader = bufio.NewReaderSize(os.Stdin, 64*1024)
	}
	return readLine(stdinReader)
}

// readLine returns the next line without "\n" or "\r\n". At end of input
// it returns Ok(""). A line too long for the reference's scanner is an
// error; the rest of that line is skipped so that later calls continue with
// the next line.
func readLine(r *bufio.Reader) rt.Result[string, string] {
	var line []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > maxLine || (len(line) == maxLine && (len(chunk) == 0 || chunk[len(chunk)-1] != '\n')) {
				tooLong = true
				line = nil
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return rt.Err[string, string]("bufio.Scanner: token too long")
		}
		if err != nil && err != io.EOF {
			return rt.Err[string, string](err.Error())
		}
		n := len(line)
		if n > 0 && line[n-1] == '\n' {
			n--
			if n > 0 && line[n-1] == '\r' {
				n--
			}
		} else if n > 0 && line[n-1] == '\r' {
			// A final line without "\n": bufio.ScanLines drops a trailing "\r" too.
			n--
		}
		return rt.Ok[string, string](string(line[:n]))
	}
}
