package rt

import "sort"

// Map is Ard's [K:V]: a hash map that iterates in insertion order
// (decision L9), with Go-map costs for every operation (docs/performance.md).
//
// The entries live in one dense slice in insertion order; index maps a key
// to its entry's position. Positions are numbered from base, the position
// of ents[0], so that leading tombstones can be sliced off without
// renumbering anything. Drop leaves a tombstone (the entry's insertion
// number negated, key and value cleared for the garbage collector):
// tombstones at either end are cut off at once, and the rest are squeezed
// out when they outnumber the live entries three to one, which keeps drop O(1)
// amortised and iteration O(live entries).
type Map[K comparable, V any] struct {
	ents  []entry[K, V]
	index map[K]int // key -> position (base + offset in ents)
	base  int       // position of ents[0]
	dead  int       // tombstones in ents
	seq   int       // insertion number of the newest entry
}

// entry is one key and value; seq is its insertion number (1, 2, ...),
// negated once the entry is dropped. Entries are in increasing |seq|.
type entry[K comparable, V any] struct {
	key K
	val V
	seq int
}

// NewMap makes an empty map with room for n entries.
func NewMap[K comparable, V any](n int) *Map[K, V] {
	return &Map[K, V]{index: make(map[K]int, n), ents: make([]entry[K, V], 0, n)}
}

// Get returns the value for k, if any.
func (m *Map[K, V]) Get(k K) Maybe[V] {
	if i, ok := m.index[k]; ok {
		return Maybe[V]{Val: m.ents[i-m.base].val, Ok: true}
	}
	return Maybe[V]{}
}

// Set inserts or replaces; a replaced key keeps its position.
func (m *Map[K, V]) Set(k K, v V) bool {
	if i, ok := m.index[k]; ok {
		m.ents[i-m.base].val = v
		return true
	}
	m.add(k, v)
	return true
}

// Slot returns where k's value is stored, adding k with value d first when
// it is absent: one hash lookup for the update `m.set(k, m.get(k).or(d) +
// x)`, which the lowering writes as `*m.Slot(k, d) += x` when nothing in
// x can touch the map. The pointer is only good until the map next changes.
func (m *Map[K, V]) Slot(k K, d V) *V {
	if i, ok := m.index[k]; ok {
		return &m.ents[i-m.base].val
	}
	return m.add(k, d)
}

// add appends a new entry for k (known to be absent).
func (m *Map[K, V]) add(k K, v V) *V {
	m.seq++
	m.index[k] = m.base + len(m.ents)
	m.ents = append(m.ents, entry[K, V]{key: k, val: v, seq: m.seq})
	return &m.ents[len(m.ents)-1].val
}

// Drop removes k if present, keeping the order of the rest.
func (m *Map[K, V]) Drop(k K) {
	i, ok := m.index[k]
	if !ok {
		return
	}
	delete(m.index, k)
	i -= m.base
	m.ents[i] = entry[K, V]{seq: -m.ents[i].seq}
	m.dead++
	switch {
	case i == 0:
		m.trimFront()
	case i == len(m.ents)-1:
		m.trimBack()
	case m.dead > 3*len(m.index):
		m.compact()
	}
}

// trimFront cuts the leading tombstones off (positions do not change).
func (m *Map[K, V]) trimFront() {
	j := 0
	for j < len(m.ents) && m.ents[j].seq < 0 {
		j++
	}
	m.dead -= j
	if j == len(m.ents) {
		// Empty: start again at the beginning of the storage.
		m.base += j
		m.ents = m.ents[:0]
		return
	}
	m.ents = m.ents[j:]
	m.base += j
}

// trimBack cuts the trailing tombstones off (positions do not change).
func (m *Map[K, V]) trimBack() {
	n := len(m.ents)
	for n > 0 && m.ents[n-1].seq < 0 {
		n--
	}
	m.dead -= len(m.ents) - n
	m.ents = m.ents[:n]
}

// compact copies the live entries, in order, to new storage. They get new
// positions, all above the old ones and not adjacent to them, so that an
// iterator's next position falls below base and it finds its place again by
// the insertion number of its current entry (left intact in the old
// storage). Cost O(len(ents)), paid for by the drops that made more than
// three quarters of the entries tombstones. (A lower threshold compacts
// more often: each compaction rewrites the index of every live entry.)
func (m *Map[K, V]) compact() {
	base := m.base + len(m.ents) + 1
	live := make([]entry[K, V], 0, 2*len(m.index)+1)
	for _, e := range m.ents {
		if e.seq > 0 {
			m.index[e.key] = base + len(live)
			live = append(live, e)
		}
	}
	m.ents = live
	m.base = base
	m.dead = 0
}

// Has reports whether k is present.
func (m *Map[K, V]) Has(k K) bool {
	_, ok := m.index[k]
	return ok
}

// Size is the number of entries.
func (m *Map[K, V]) Size() int { return len(m.index) }

// Keys returns a new list of the keys in insertion order.
func (m *Map[K, V]) Keys() *List[K] {
	keys := make([]K, 0, len(m.index))
	for i := range m.ents {
		if m.ents[i].seq > 0 {
			keys = append(keys, m.ents[i].key)
		}
	}
	return &List[K]{Items: keys}
}

// Clone copies the map, copying values with val (nil: as is).
func (m *Map[K, V]) Clone(val func(V) V) *Map[K, V] {
	c := NewMap[K, V](len(m.index))
	for _, e := range m.ents {
		if e.seq < 0 {
			continue
		}
		if val != nil {
			e.val = val(e.val)
		}
		c.index[e.key] = len(c.ents)
		c.ents = append(c.ents, e)
	}
	c.seq = m.seq
	return c
}

// Entries returns keys and values as untyped slices (for JSON encoding).
func (m *Map[K, V]) Entries() ([]any, []any) {
	ks := make([]any, 0, len(m.index))
	vs := make([]any, 0, len(m.index))
	for it := m.Iter(); it.Next() || it.Seek(); {
		ks = append(ks, it.Key())
		vs = append(vs, it.Val())
	}
	return ks, vs
}

// MapIter walks a map in insertion order. Generated `for k, v in m` loops
// are
//
//	for it := m.Iter(); it.Next() || it.Seek(); {
//		k, v := it.Key(), it.Val()
//		...
//	}
//
// Next is the common step, small enough for Go to inline; when it cannot
// tell (a tombstone, the end, entries moved) it returns false and Seek
// does the general case.
//
// The body may change the map: an entry dropped before the loop reaches it
// is not visited, an entry added after the loop started is not visited
// (also a dropped key that is set again: it is a new entry), and a value
// replaced before the loop reaches it is seen with its new value.
//
// Four fields, so that Go keeps an iterator in registers. The current entry
// e stays readable after a compaction (which moves entries to new
// storage): its |seq| is where the loop resumes.
type MapIter[K comparable, V any] struct {
	m   *Map[K, V]
	e   *entry[K, V] // the current entry (its key and value good until the body runs)
	pos int          // position of the current entry
	end int          // the map's newest insertion number when the loop began
}

// Iter starts an iteration before the first entry.
func (m *Map[K, V]) Iter() MapIter[K, V] {
	return MapIter[K, V]{m: m, pos: m.base - 1, end: m.seq}
}

// Next moves to the next entry when it is the next slot and is live and
// older than the loop; otherwise it changes nothing and returns false.
func (it *MapIter[K, V]) Next() bool {
	m := it.m
	if i := it.pos + 1 - m.base; uint(i) < uint(len(m.ents)) {
		// 0 < seq <= end: live, and older than the loop
		if e := &m.ents[i]; uint(e.seq-1) < uint(it.end) {
			it.pos++
			it.e = e
			return true
		}
	}
	return false
}

// Seek moves to the next entry in the general case: past tombstones, to
// the end (entries added during the loop), or after a front cut off past
// the current entry or the renumbering of compact. False at the end. (A
// small wrapper, so that the iterator does not escape and stays in
// registers.)
func (it *MapIter[K, V]) Seek() bool {
	it.pos, it.e = it.m.seek(it.pos, it.e, it.end)
	return it.e != nil
}

// seek finds the entry after position pos (entry e, nil before the first)
// for an iteration that visits insertion numbers up to end; nil at the end.
func (m *Map[K, V]) seek(pos int, e *entry[K, V], end int) (int, *entry[K, V]) {
	if pos < m.base-1 {
		// Go on after the last visited insertion number.
		last := 0
		if e != nil {
			last = e.seq
			if last < 0 {
				last = -last
			}
		}
		i := sort.Search(len(m.ents), func(j int) bool {
			s := m.ents[j].seq
			if s < 0 {
				s = -s
			}
			return s > last
		})
		pos = m.base + i - 1
	}
	for i := pos + 1 - m.base; i < len(m.ents); i++ {
		e := &m.ents[i]
		s := e.seq
		if s < 0 {
			s = -s
		}
		if s > end {
			break
		}
		if e.seq > 0 {
			return m.base + i, e
		}
	}
	return pos, nil
}

// Key is the current entry's key.
func (it *MapIter[K, V]) Key() K { return it.e.key }

// Val is the current entry's value.
func (it *MapIter[K, V]) Val() V { return it.e.val }
