package rt

import (
	"sort"
	"strconv"
)

// List is Ard's [T]. Lists are shared by reference (`let b = a` shares),
// so generated code always holds a *List.
type List[T any] struct {
	Items []T
}

// NewList makes a list holding items (the slice is owned by the list).
func NewList[T any](items ...T) *List[T] {
	if items == nil {
		items = []T{}
	}
	return &List[T]{Items: items}
}

// At returns element i; out of range is a run-time fault (exit 2).
func (l *List[T]) At(i int) T {
	if uint(i) >= uint(len(l.Items)) { // also catches i < 0
		indexFault(i, len(l.Items))
	}
	return l.Items[i]
}

// Push appends v and returns the new size.
func (l *List[T]) Push(v T) int {
	l.Items = append(l.Items, v)
	return len(l.Items)
}

// Prepend inserts v at the front and returns the new size.
func (l *List[T]) Prepend(v T) int {
	var zero T
	l.Items = append(l.Items, zero)
	copy(l.Items[1:], l.Items)
	l.Items[0] = v
	return len(l.Items)
}

// Set replaces element i.
func (l *List[T]) Set(i int, v T) bool {
	if uint(i) >= uint(len(l.Items)) { // also catches i < 0
		indexFault(i, len(l.Items))
	}
	l.Items[i] = v
	return true
}

// Size is the number of elements.
func (l *List[T]) Size() int { return len(l.Items) }

// Sort sorts in place; before(a, b) reports whether a goes before b.
func (l *List[T]) Sort(before func(a, b T) bool) {
	sort.SliceStable(l.Items, func(i, j int) bool { return before(l.Items[i], l.Items[j]) })
}

// Swap exchanges elements i and j.
func (l *List[T]) Swap(i, j int) {
	n := len(l.Items)
	if i < 0 || i >= n || j < 0 || j >= n {
		Fault("Index out of range in swap(" + strconv.Itoa(i) + ", " + strconv.Itoa(j) + ") on list of length " + strconv.Itoa(n))
	}
	l.Items[i], l.Items[j] = l.Items[j], l.Items[i]
}

// Clone copies the list; each element is copied with elem (nil: as is).
// Used for Ard's `mut x = list`, which takes a deep copy.
func (l *List[T]) Clone(elem func(T) T) *List[T] {
	items := make([]T, len(l.Items))
	if elem == nil {
		copy(items, l.Items)
	} else {
		for i, v := range l.Items {
			items[i] = elem(v)
		}
	}
	return &List[T]{Items: items}
}

// indexFault is the run-time fault of an out-of-range index. Kept out of
// At and Set so that those stay small enough for Go to inline.
func indexFault(i, n int) {
	Fault("Index out of range (" + strconv.Itoa(i) + ") on list of length " + strconv.Itoa(n))
}
