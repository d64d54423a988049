package rt

// Maybe is Ard's T?: a value or nothing. A small value type, never boxed.
type Maybe[T any] struct {
	Val T
	Ok  bool
}

// Some wraps a value.
func Some[T any](v T) Maybe[T] { return Maybe[T]{Val: v, Ok: true} }

// None is the empty Maybe.
func None[T any]() Maybe[T] { return Maybe[T]{} }

// Expect returns the value or raises an Ard panic with exactly msg.
func (m Maybe[T]) Expect(msg string) T {
	if !m.Ok {
		Panic(msg)
	}
	return m.Val
}

// Or returns the value or def.
func (m Maybe[T]) Or(def T) T {
	if m.Ok {
		return m.Val
	}
	return def
}

func (m Maybe[T]) IsSome() bool { return m.Ok }
func (m Maybe[T]) IsNone() bool { return !m.Ok }

// MaybeEq compares two Maybes of a comparable type (Ard `==` on T?).
func MaybeEq[T comparable](a, b Maybe[T]) bool {
	if a.Ok != b.Ok {
		return false
	}
	return !a.Ok || a.Val == b.Val
}
