package arddynamic

import "testing"

// STD-26: from_* wrap the plain Go values of stdlib.md §0.4.
func TestSTD26FromPrimitives(t *testing.T) {
	if v, ok := FromStr("s").(string); !ok || v != "s" {
		t.Fatalf("FromStr: %#v", FromStr("s"))
	}
	if v, ok := FromInt(5).(int); !ok || v != 5 {
		t.Fatalf("FromInt: %#v", FromInt(5))
	}
	if v, ok := FromFloat(2.5).(float64); !ok || v != 2.5 {
		t.Fatalf("FromFloat: %#v", FromFloat(2.5))
	}
	if v, ok := FromBool(true).(bool); !ok || !v {
		t.Fatalf("FromBool: %#v", FromBool(true))
	}
	if FromVoid() != nil {
		t.Fatalf("FromVoid: %#v", FromVoid())
	}
}

// STD-02: objects keep member order; replacing keeps the position.
func TestSTD02ObjectOrder(t *testing.T) {
	o := NewObject(0)
	o.Set("b", 1)
	o.Set("a", 2)
	o.Set("b", 3)
	if o.Len() != 2 || o.Keys()[0] != "b" || o.Keys()[1] != "a" {
		t.Fatalf("keys %v", o.Keys())
	}
	if v, ok := o.Get("b"); !ok || v != 3 {
		t.Fatalf("get b: %v %v", v, ok)
	}
	if _, ok := o.Get("zz"); ok || o.Has("zz") || !o.Has("a") {
		t.Fatal("Has/Get of missing member")
	}
}

// Objects search small member lists linearly and index large ones (issue
// 17); both keep the member order and replace in place.
func TestObjectSmallAndLarge(t *testing.T) {
	for _, n := range []int{3, smallObject, smallObject + 1, 50} {
		o := NewObject(0)
		for i := 0; i < n; i++ {
			o.Set(string(rune('a'+i%26))+string(rune('0'+i/26)), i)
		}
		o.Set("a0", -1) // replaced, keeps its place
		if o.Len() != n || o.Keys()[0] != "a0" {
			t.Fatalf("n=%d: len %d keys %v", n, o.Len(), o.Keys())
		}
		for i, k := range o.Keys() {
			v, ok := o.Get(k)
			want := i
			if i == 0 {
				want = -1
			}
			if !ok || v != want || !o.Has(k) {
				t.Fatalf("n=%d: %s = %v, %v", n, k, v, ok)
			}
		}
		if _, ok := o.Get("zz"); ok || o.Has("zz") {
			t.Fatalf("n=%d: absent member found", n)
		}
	}
}
