package rt

import "testing"

func TestMaybe(t *testing.T) {
	if Some(3).Or(0) != 3 || None[int]().Or(7) != 7 {
		t.Fatal("Or")
	}
	if !MaybeEq(Some(1), Some(1)) || MaybeEq(Some(1), None[int]()) || !MaybeEq(None[int](), None[int]()) {
		t.Fatal("MaybeEq")
	}
}

func TestResultExpectMessage(t *testing.T) {
	defer func() {
		p, ok := recover().(*ArdPanic)
		if !ok || p.Msg != "could not read: boom" {
			t.Fatalf("got %#v", p)
		}
	}()
	Err[int, string]("boom").Expect("could not read")
}

func TestListOps(t *testing.T) {
	l := NewList(3, 1, 2)
	l.Push(0)
	l.Prepend(9)
	l.Sort(func(a, b int) bool { return a < b })
	want := []int{0, 1, 2, 3, 9}
	for i, w := range want {
		if l.At(i) != w {
			t.Fatalf("at %d: %d", i, l.At(i))
		}
	}
	c := l.Clone(nil)
	c.Set(0, 100)
	if l.At(0) != 0 {
		t.Fatal("clone shares storage")
	}
}

func TestListAtOutOfRangeFaults(t *testing.T) {
	defer func() {
		f, ok := recover().(*FaultError)
		if !ok || f.Msg != "Index out of range (5) on list of length 1" {
			t.Fatalf("got %#v", f)
		}
	}()
	NewList(1).At(5)
}

func TestMapInsertionOrder(t *testing.T) {
	m := NewMap[string, int](0)
	m.Set("b", 1)
	m.Set("a", 2)
	m.Set("c", 3)
	m.Set("b", 4)
	m.Drop("a")
	ks := m.Keys().Items
	if len(ks) != 2 || ks[0] != "b" || ks[1] != "c" || m.Get("b").Val != 4 || m.Has("a") {
		t.Fatalf("keys %v", ks)
	}
	if m.Get("c").Val != 3 || m.Size() != 2 {
		t.Fatal("reindex after drop")
	}
}

func TestFloatStr(t *testing.T) {
	for in, want := range map[float64]string{3.14159: "3.14", 0.125: "0.12", -0.5: "-0.50", 2: "2.00"} {
		if got := FloatStr(in); got != want {
			t.Fatalf("%v: %s", in, got)
		}
	}
}

func TestFiberJoinTwice(t *testing.T) {
	n := 0
	f := Start(func() { n = 1 })
	f.Join()
	f.Join()
	if n != 1 {
		t.Fatal("fiber did not run")
	}
}
