// Package ardlist implements ard/list (stdlib.md §8).
package ardlist

import "ard2go.dev/rt"

// New returns a new empty list (binding "list.New"; STD-21).
func New[T any]() *rt.List[T] { return rt.NewList[T]() }

// Concat returns a new list holding a's elements then b's; the inputs are
// not modified (binding "list.Concat"; STD-22).
func Concat[T any](a, b *rt.List[T]) *rt.List[T] {
	items := make([]T, 0, len(a.Items)+len(b.Items))
	items = append(items, a.Items...)
	items = append(items, b.Items...)
	return rt.NewList(items...)
}
