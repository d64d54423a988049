package rt

import (
	"os"
	"strconv"
	"sync"
)

var outMu sync.Mutex

// Print writes s and a newline to stdout in a single write, so lines from
// concurrent fibers never mix (R1). Output is unbuffered: nothing printed is
// lost on any exit path.
func Print(s string) {
	buf := make([]byte, 0, len(s)+1)
	buf = append(buf, s...)
	buf = append(buf, '\n')
	outMu.Lock()
	_, _ = os.Stdout.Write(buf)
	outMu.Unlock()
}

// printErr writes a line to stderr under the same lock as Print.
func printErr(s string) {
	outMu.Lock()
	_, _ = os.Stderr.Write([]byte(s + "\n"))
	outMu.Unlock()
}

// printOut writes a line to stdout (panic reports go to stdout, program.md §4.4).
func printOut(s string) { Print(s) }

// FloatStr is Ard's Float to_str: fixed notation with two decimals.
func FloatStr(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// BoolStr is Ard's Bool to_str.
func BoolStr(b bool) string { return strconv.FormatBool(b) }
