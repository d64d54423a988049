package ardlist

import (
	"testing"

	"ard2go.dev/rt"
)

func TestSTD21New(t *testing.T) {
	l := New[string]()
	if l == nil || l.Size() != 0 || l.Items == nil {
		t.Fatalf("%#v", l)
	}
	l.Push("x")
	if New[string]().Size() != 0 {
		t.Fatal("lists share storage")
	}
}

func TestSTD22Concat(t *testing.T) {
	a := rt.NewList(1, 2)
	b := rt.NewList(3)
	c := Concat(a, b)
	c.Push(4)
	c.Set(0, 100)
	if a.Size() != 2 || a.At(0) != 1 || b.Size() != 1 {
		t.Fatal("inputs modified")
	}
	want := []int{100, 2, 3, 4}
	for i, w := range want {
		if c.At(i) != w {
			t.Fatalf("at %d: %d", i, c.At(i))
		}
	}
	if e := Concat(New[int](), New[int]()); e.Size() != 0 || e.Items == nil {
		t.Fatal("empty concat")
	}
	// Appending to a must not write into the result's storage or vice versa.
	a2 := &rt.List[int]{Items: make([]int, 1, 10)}
	c2 := Concat(a2, rt.NewList(7))
	a2.Push(9)
	if c2.At(1) != 7 {
		t.Fatal("aliasing")
	}
}
