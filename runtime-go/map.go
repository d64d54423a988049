package rt

// Map is Ard's [K:V]: a hash map that iterates in insertion order
// (decision L9). Keys and values are kept in parallel slices; index maps a
// key to its position.
type Map[K comparable, V any] struct {
	keys  []K
	vals  []V
	index map[K]int
}

// NewMap makes an empty map with room for n entries.
func NewMap[K comparable, V any](n int) *Map[K, V] {
	return &Map[K, V]{index: make(map[K]int, n), keys: make([]K, 0, n), vals: make([]V, 0, n)}
}

// Get returns the value for k, if any.
func (m *Map[K, V]) Get(k K) Maybe[V] {
	if i, ok := m.index[k]; ok {
		return Maybe[V]{Val: m.vals[i], Ok: true}
	}
	return Maybe[V]{}
}

// Set inserts or replaces; a replaced key keeps its position.
func (m *Map[K, V]) Set(k K, v V) bool {
	if i, ok := m.index[k]; ok {
		m.vals[i] = v
		return true
	}
	m.index[k] = len(m.keys)
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
	return true
}

// Drop removes k if present, keeping the order of the rest.
func (m *Map[K, V]) Drop(k K) {
	i, ok := m.index[k]
	if !ok {
		return
	}
	delete(m.index, k)
	m.keys = append(m.keys[:i], m.keys[i+1:]...)
	m.vals = append(m.vals[:i], m.vals[i+1:]...)
	for j := i; j < len(m.keys); j++ {
		m.index[m.keys[j]] = j
	}
}

// Has reports whether k is present.
func (m *Map[K, V]) Has(k K) bool {
	_, ok := m.index[k]
	return ok
}

// Size is the number of entries.
func (m *Map[K, V]) Size() int { return len(m.keys) }

// Keys returns a new list of the keys in insertion order.
func (m *Map[K, V]) Keys() *List[K] {
	keys := make([]K, len(m.keys))
	copy(keys, m.keys)
	return &List[K]{Items: keys}
}

// KeySlice and ValSlice expose the entries for `for k, v in m` loops; the
// generated loop ranges over a snapshot of the key slice.
func (m *Map[K, V]) KeySlice() []K { return m.keys }
func (m *Map[K, V]) ValSlice() []V { return m.vals }

// Clone copies the map, copying values with val (nil: as is).
func (m *Map[K, V]) Clone(val func(V) V) *Map[K, V] {
	c := NewMap[K, V](len(m.keys))
	for i, k := range m.keys {
		v := m.vals[i]
		if val != nil {
			v = val(v)
		}
		c.Set(k, v)
	}
	return c
}

// Entries returns keys and values as untyped slices (for JSON encoding).
func (m *Map[K, V]) Entries() ([]any, []any) {
	ks := make([]any, len(m.keys))
	vs := make([]any, len(m.vals))
	for i := range m.keys {
		ks[i] = m.keys[i]
		vs[i] = m.vals[i]
	}
	return ks, vs
}
