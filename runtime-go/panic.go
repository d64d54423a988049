package rt

import (
	"fmt"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// ArdPanic is the value of an Ard panic (`panic(msg)`, a failed `expect`):
// a clean failure, exit code 1.
type ArdPanic struct {
	Msg string
	// Pos is the Ard source position (file:line:col or file:line) of the
	// failing call, when known.
	Pos string
}

func (p *ArdPanic) Error() string { return p.Msg }

// FaultError is a run-time fault raised by the runtime (index out of range,
// ...): a crash, exit code 2.
type FaultError struct {
	Msg string
	Pos string
}

func (f *FaultError) Error() string { return f.Msg }

// Panic raises an Ard panic with msg at the nearest Ard source position.
func Panic(msg string) {
	panic(&ArdPanic{Msg: msg, Pos: ardCaller()})
}

// PanicAt raises an Ard panic for the builtin `panic(msg)` at pos.
func PanicAt(pos string, msg string) {
	panic(&ArdPanic{Msg: msg, Pos: pos})
}

// Fault raises a run-time fault with msg.
func Fault(msg string) {
	panic(&FaultError{Msg: msg, Pos: ardCaller()})
}

// ardCaller finds the innermost stack frame that belongs to Ard source
// (generated code carries //line directives naming the .ard file).
func ardCaller() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, ".ard") {
			// Builds use -trimpath: positions start with the module path.
			return strings.TrimPrefix(f.File, "ardprogram/") + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return ""
		}
	}
}

// report prints the failure described by a recovered value and returns the
// exit code it deserves: 1 for an Ard panic, 2 for anything else.
func report(r any, inFiber bool) int {
	switch p := r.(type) {
	case *ArdPanic:
		prefix := "Panic: "
		if inFiber {
			prefix = "Panic in fiber: Panic: "
		}
		line := prefix + p.Msg
		if p.Pos != "" {
			line += "\n    at " + p.Pos
		}
		printOut(line)
		return 1
	case *FaultError:
		line := "Fatal error: " + p.Msg
		if p.Pos != "" {
			line += "\n    at " + p.Pos
		}
		printErr(line)
		return 2
	default:
		msg := fmt.Sprint(r)
		if err, ok := r.(error); ok {
			msg = err.Error()
		}
		line := "Fatal error: " + msg
		if pos := ardCaller(); pos != "" {
			line += "\n    at " + pos
		}
		printErr(line)
		return 2
	}
}

// RunMain runs the Ard program's entry function and turns an uncaught
// failure into the exit code of program.md §4.3. Returning from main ends
// the program without waiting for fibers.
func RunMain(main func()) {
	defer func() {
		if r := recover(); r != nil {
			os.Exit(report(r, false))
		}
	}()
	main()
}

// FormatAny renders a value the way Result.expect shows an error
// (program.md §4.1): strings verbatim, lists as `[a b]`, structs as
// `map[field:value ...]` with fields sorted by name, other values in Go's
// %v form.
func FormatAny(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return formatValue(reflect.ValueOf(v))
}

func formatValue(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		e := v.Elem()
		if e.Kind() == reflect.Struct {
			// rt.List: its Items slice.
			if items := e.FieldByName("Items"); items.IsValid() && e.NumField() == 1 && items.Kind() == reflect.Slice {
				return formatValue(items)
			}
			return formatStruct(e)
		}
	}
	switch v.Kind() {
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = formatValue(v.Index(i))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Interface:
		return formatValue(v.Elem())
	}
	if v.CanInterface() {
		return fmt.Sprint(v.Interface())
	}
	return fmt.Sprint(v)
}

// formatStruct is Go's %v of the map the reference used for a struct.
func formatStruct(v reflect.Value) string {
	t := v.Type()
	names := make([]string, 0, t.NumField())
	values := map[string]string{}
	for i := 0; i < t.NumField(); i++ {
		name := strings.TrimSuffix(t.Field(i).Name, "_")
		names = append(names, name)
		values[name] = formatValue(v.Field(i))
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + ":" + values[n]
	}
	return "map[" + strings.Join(parts, " ") + "]"
}

// NewPanic makes the value of the builtin `panic(msg)` at pos; generated
// code raises it with Go's panic so that Go sees a terminating statement.
func NewPanic(pos string, msg string) *ArdPanic {
	return &ArdPanic{Msg: msg, Pos: pos}
}

// PanicValue raises an Ard panic where an expression of type T is needed.
func PanicValue[T any](pos string, msg string) T {
	panic(&ArdPanic{Msg: msg, Pos: pos})
}

// Describe turns a recovered value into the message and Ard position that
// `ard2go test` reports for a panicked test: an Ard panic's own message, and
// "fatal error: ..." for a run-time fault. Called while the panic unwinds
// (in a deferred function), so the failing Ard frame is still on the stack.
func Describe(r any) (msg string, pos string) {
	switch p := r.(type) {
	case *ArdPanic:
		return p.Msg, p.Pos
	case *FaultError:
		return "fatal error: " + p.Msg, p.Pos
	}
	msg = fmt.Sprint(r)
	if err, ok := r.(error); ok {
		msg = err.Error()
	}
	return "fatal error: " + msg, ardCaller()
}
