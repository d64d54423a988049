package rt

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
)

// Tests of the ordered map with many drops (issue 17): order after drops,
// iteration while dropping, drop then re-insert, against a simple model.

// pairs lists the map's entries through an iterator.
func pairs[K comparable, V any](m *Map[K, V]) ([]K, []V) {
	var ks []K
	var vs []V
	for it := m.Iter(); it.Next() || it.Seek(); {
		ks = append(ks, it.Key())
		vs = append(vs, it.Val())
	}
	return ks, vs
}

// model is the obvious ordered map: a slice of keys and a Go map.
type model struct {
	keys []int
	vals map[int]int
}

func (o *model) set(k, v int) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *model) drop(k int) {
	if _, ok := o.vals[k]; !ok {
		return
	}
	delete(o.vals, k)
	for i, x := range o.keys {
		if x == k {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			return
		}
	}
}

func checkModel(t *testing.T, step string, m *Map[int, int], o *model) {
	t.Helper()
	ks, vs := pairs(m)
	if len(ks) != len(o.keys) || m.Size() != len(o.keys) {
		t.Fatalf("%s: %d keys iterated, size %d, want %d", step, len(ks), m.Size(), len(o.keys))
	}
	for i, k := range o.keys {
		if ks[i] != k || vs[i] != o.vals[k] {
			t.Fatalf("%s: entry %d is %d=%d, want %d=%d", step, i, ks[i], vs[i], k, o.vals[k])
		}
		if g := m.Get(k); !g.Ok || g.Val != o.vals[k] || !m.Has(k) {
			t.Fatalf("%s: get %d = %v", step, k, g)
		}
	}
	if got := m.Keys().Items; !reflect.DeepEqual(got, append([]int{}, o.keys...)) && len(o.keys) > 0 {
		t.Fatalf("%s: keys() %v, want %v", step, got, o.keys)
	}
	if m.dead > 3*len(m.index) && m.dead > 0 {
		t.Fatalf("%s: %d tombstones for %d live entries", step, m.dead, len(m.index))
	}
}

func TestMapOrderAfterDrops(t *testing.T) {
	m := NewMap[int, int](0)
	o := &model{vals: map[int]int{}}
	for i := 0; i < 1000; i++ {
		m.Set(i, i*10)
		o.set(i, i*10)
	}
	// Every third key, then the front half, then the last ones.
	for i := 0; i < 1000; i += 3 {
		m.Drop(i)
		o.drop(i)
	}
	checkModel(t, "every third", m, o)
	for i := 0; i < 500; i++ {
		m.Drop(i)
		o.drop(i)
	}
	checkModel(t, "front half", m, o)
	for i := 999; i > 900; i-- {
		m.Drop(i)
		o.drop(i)
	}
	checkModel(t, "back", m, o)
	m.Drop(12345) // absent
	checkModel(t, "absent", m, o)
}

func TestMapDropThenReinsert(t *testing.T) {
	m := NewMap[string, int](0)
	for _, k := range []string{"a", "b", "c", "d"} {
		m.Set(k, len(k))
	}
	m.Drop("b")
	m.Set("b", 7) // a new entry: goes to the end
	m.Drop("a")
	m.Set("a", 8)
	ks, vs := pairs(m)
	if fmt.Sprint(ks, vs) != "[c d b a] [1 1 7 8]" {
		t.Fatalf("got %v %v", ks, vs)
	}
	// Empty the map entirely, then fill it again.
	for _, k := range []string{"c", "a", "d", "b"} {
		m.Drop(k)
	}
	if m.Size() != 0 || len(m.ents) != 0 {
		t.Fatalf("size %d, %d slots", m.Size(), len(m.ents))
	}
	m.Set("z", 1)
	m.Set("y", 2)
	ks, vs = pairs(m)
	if fmt.Sprint(ks, vs) != "[z y] [1 2]" || m.Get("z").Val != 1 || m.Get("y").Val != 2 {
		t.Fatalf("got %v %v", ks, vs)
	}
}

func TestMapRandomAgainstModel(t *testing.T) {
	r := rand.New(rand.NewSource(17))
	m := NewMap[int, int](0)
	o := &model{vals: map[int]int{}}
	for step := 0; step < 20000; step++ {
		k := r.Intn(300)
		switch r.Intn(5) {
		case 0, 1:
			m.Set(k, step)
			o.set(k, step)
		case 2, 3:
			m.Drop(k)
			o.drop(k)
		default:
			*m.Slot(k, 100) += 1
			old, ok := o.vals[k]
			if !ok {
				old = 100
			}
			o.set(k, old+1)
		}
		if step%97 == 0 {
			checkModel(t, fmt.Sprint("step ", step), m, o)
		}
	}
	checkModel(t, "end", m, o)
}

func TestMapIterateWhileDropping(t *testing.T) {
	m := NewMap[int, int](0)
	for i := 0; i < 100; i++ {
		m.Set(i, i)
	}
	// Drop the current key and the next one at every step: the loop must
	// visit 0, 2, 4, ... in order and nothing twice, across compactions.
	var seen []int
	for it := m.Iter(); it.Next() || it.Seek(); {
		k := it.Key()
		seen = append(seen, k)
		m.Drop(k)
		m.Drop(k + 1)
	}
	if len(seen) != 50 || m.Size() != 0 {
		t.Fatalf("visited %v, %d left", seen, m.Size())
	}
	for i, k := range seen {
		if k != 2*i {
			t.Fatalf("visited %v", seen)
		}
	}
}

func TestMapIterateWhileDroppingAhead(t *testing.T) {
	m := NewMap[int, int](0)
	for i := 0; i < 64; i++ {
		m.Set(i, i)
	}
	// At the first entry drop every odd key (compaction moves the rest);
	// later add keys (not visited) and update values ahead (seen updated).
	var seen []string
	for it := m.Iter(); it.Next() || it.Seek(); {
		k, v := it.Key(), it.Val()
		seen = append(seen, fmt.Sprint(k, "=", v))
		if k == 0 {
			for j := 1; j < 64; j += 2 {
				m.Drop(j)
			}
			m.Set(100, 100)
			m.Set(62, -62)
		}
		if k == 10 {
			m.Drop(10)
			m.Set(10, 1010) // re-added: a new entry, not visited again
		}
	}
	want := []string{}
	for j := 0; j < 64; j += 2 {
		v := j
		if j == 62 {
			v = -62
		}
		want = append(want, fmt.Sprint(j, "=", v))
	}
	if !reflect.DeepEqual(seen, want) {
		t.Fatalf("visited %v\nwant %v", seen, want)
	}
	ks, _ := pairs(m)
	if ks[len(ks)-2] != 100 || ks[len(ks)-1] != 10 || m.Size() != 33 {
		t.Fatalf("after the loop: %v", ks)
	}
}

func TestMapNestedIterationAndQueue(t *testing.T) {
	// A work queue: take the oldest entry, sometimes add two new ones.
	m := NewMap[int, string](0)
	for i := 0; i < 10; i++ {
		m.Set(i, fmt.Sprint("job", i))
	}
	next, done := 10, 0
	for m.Size() > 0 {
		it := m.Iter()
		if !it.Next() && !it.Seek() {
			t.Fatal("no first entry")
		}
		k := it.Key()
		m.Drop(k)
		done++
		if k%3 == 0 && next < 5000 {
			m.Set(next, "a")
			m.Set(next+1, "b")
			next += 2
		}
		if len(m.ents) > 4*m.Size()+8 {
			t.Fatalf("queue keeps %d slots for %d entries", len(m.ents), m.Size())
		}
	}
	if done != next {
		t.Fatalf("did %d of %d jobs", done, next)
	}
	// Two iterators over one map, the inner one dropping.
	n := NewMap[int, int](0)
	for i := 0; i < 20; i++ {
		n.Set(i, i)
	}
	outer := 0
	for it := n.Iter(); it.Next() || it.Seek(); {
		outer++
		for in := n.Iter(); in.Next() || in.Seek(); {
			if in.Key() > it.Key() && in.Key()%2 == 1 {
				n.Drop(in.Key())
			}
		}
	}
	if outer != 10 || n.Size() != 10 {
		t.Fatalf("outer visited %d, %d left", outer, n.Size())
	}
}

func TestMapCloneAndEntriesSkipTombstones(t *testing.T) {
	m := NewMap[string, int](0)
	for i := 0; i < 10; i++ {
		m.Set(fmt.Sprint("k", i), i)
	}
	for i := 1; i < 9; i += 2 {
		m.Drop(fmt.Sprint("k", i))
	}
	c := m.Clone(func(v int) int { return v * 2 })
	c.Set("new", 1)
	ks, vs := pairs(c)
	if fmt.Sprint(ks, vs) != "[k0 k2 k4 k6 k8 k9 new] [0 4 8 12 16 18 1]" || m.Has("new") {
		t.Fatalf("clone: %v %v", ks, vs)
	}
	eks, evs := m.Entries()
	if fmt.Sprint(eks, evs) != "[k0 k2 k4 k6 k8 k9] [0 2 4 6 8 9]" {
		t.Fatalf("entries: %v %v", eks, evs)
	}
}

func TestMapDropAllIsLinear(t *testing.T) {
	// 200,000 drops in a scattered order: quadratic work would take minutes.
	const n = 200000
	m := NewMap[int, int](0)
	for i := 0; i < n; i++ {
		m.Set(i, i)
	}
	for i := 0; i < n; i++ {
		m.Drop((i * 7919) % n)
	}
	if m.Size() != 0 || len(m.ents) != 0 {
		t.Fatalf("size %d, %d slots", m.Size(), len(m.ents))
	}
}

func BenchmarkMapOps(b *testing.B) {
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprint("word", i)
	}
	b.Run("update", func(b *testing.B) {
		m := NewMap[string, int](0)
		for i := 0; i < b.N; i++ {
			*m.Slot(keys[i%1000], 0) += 1
		}
	})
	b.Run("get-or-set", func(b *testing.B) {
		m := NewMap[string, int](0)
		for i := 0; i < b.N; i++ {
			k := keys[i%1000]
			m.Set(k, m.Get(k).Or(0)+1)
		}
	})
	b.Run("go-map-incr", func(b *testing.B) {
		m := map[string]int{}
		for i := 0; i < b.N; i++ {
			m[keys[i%1000]]++
		}
	})
	b.Run("iterate", func(b *testing.B) {
		m := NewMap[string, int](0)
		for _, k := range keys {
			m.Set(k, 1)
		}
		b.ResetTimer()
		s := 0
		for i := 0; i < b.N; i++ {
			for it := m.Iter(); it.Next() || it.Seek(); {
				s += it.Val() + len(it.Key())
			}
		}
		_ = s
	})
	b.Run("drop-all-200k", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m := NewMap[int, int](200000)
			for j := 0; j < 200000; j++ {
				m.Set(j, j)
			}
			for j := 0; j < 200000; j++ {
				m.Drop(j)
			}
		}
	})
	b.Run("go-drop-all-200k", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m := make(map[int]int, 200000)
			for j := 0; j < 200000; j++ {
				m[j] = j
			}
			for j := 0; j < 200000; j++ {
				delete(m, j)
			}
		}
	})
}
