// Package arddynamic implements ard/dynamic (stdlib.md §12) and defines the
// Go values a Dynamic may hold (§0.4).
//
// A Dynamic is a plain Go `any`. Besides the primitives (string, int,
// float64, bool, nil) it may hold []any (JSON arrays), *Object (JSON objects
// and sqlite rows, which keep their member order), int64, []byte and
// time.Time (sqlite columns), and internal handles of other std modules.
package arddynamic

// FromStr wraps a Str (binding "dynamic.FromStr"; STD-26).
func FromStr(v string) any { return v }

// FromInt wraps an Int.
func FromInt(v int) any { return v }

// FromFloat wraps a Float.
func FromFloat(v float64) any { return v }

// FromBool wraps a Bool.
func FromBool(v bool) any { return v }

// FromVoid is the nil Dynamic (JSON null, SQL NULL).
func FromVoid() any { return nil }

// Object is a string-keyed object held in a Dynamic: a parsed JSON object or
// a database row. Unlike a Go map it remembers the order of its members, so
// decoding, error texts and re-encoding are deterministic (decision L9).
//
// Members are parallel slices; small objects (most JSON records and rows)
// are searched linearly, larger ones get an index on their first lookup
// past smallObject members, so no Go map is allocated per record.
type Object struct {
	keys  []string
	vals  []any
	index map[string]int // nil while the object is small
}

// smallObject is the size up to which members are searched linearly.
const smallObject = 8

// NewObject makes an empty object with room for n members.
func NewObject(n int) *Object {
	return &Object{keys: make([]string, 0, n), vals: make([]any, 0, n)}
}

// find returns the position of member k, or -1.
func (o *Object) find(k string) int {
	if o.index != nil {
		if i, ok := o.index[k]; ok {
			return i
		}
		return -1
	}
	for i, name := range o.keys {
		if name == k {
			return i
		}
	}
	return -1
}

// Set adds or replaces a member; a replaced member keeps its position.
func (o *Object) Set(k string, v any) {
	if i := o.find(k); i >= 0 {
		o.vals[i] = v
		return
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	switch {
	case o.index != nil:
		o.index[k] = len(o.keys) - 1
	case len(o.keys) > smallObject:
		o.index = make(map[string]int, len(o.keys))
		for i, name := range o.keys {
			o.index[name] = i
		}
	}
}

// Has reports whether the member exists.
func (o *Object) Has(k string) bool { return o.find(k) >= 0 }

// Get returns a member's value (nil when missing).
func (o *Object) Get(k string) (any, bool) {
	if i := o.find(k); i >= 0 {
		return o.vals[i], true
	}
	return nil, false
}

// Keys returns the member names in order (the slice must not be modified).
func (o *Object) Keys() []string { return o.keys }

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }
