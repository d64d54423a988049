package rt

// Result is Ard's T!E: a success value or an error value.
type Result[T, E any] struct {
	Val T
	Err E
	Ok  bool
}

// Ok makes a success Result.
func Ok[T, E any](v T) Result[T, E] { return Result[T, E]{Val: v, Ok: true} }

// Err makes a failed Result.
func Err[T, E any](e E) Result[T, E] { return Result[T, E]{Err: e} }

// Expect returns the value or raises an Ard panic "msg: <error>".
func (r Result[T, E]) Expect(msg string) T {
	if !r.Ok {
		Panic(msg + ": " + FormatAny(r.Err))
	}
	return r.Val
}

// Or returns the success value or def.
func (r Result[T, E]) Or(def T) T {
	if r.Ok {
		return r.Val
	}
	return def
}

func (r Result[T, E]) IsOk() bool  { return r.Ok }
func (r Result[T, E]) IsErr() bool { return !r.Ok }
