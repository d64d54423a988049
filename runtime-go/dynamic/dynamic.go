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
type Object struct {
	keys []string
	vals map[string]any
}

// NewObject makes an empty object with room for n members.
func NewObject(n int) *Object {
	return &Object{keys: make([]string, 0, n), vals: make(map[string]any, n)}
}

// Set adds or replaces a member; a replaced member keeps its position.
func (o *Object) Set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// Has reports whether the member exists.
func (o *Object) Has(k string) bool {
	_, ok := o.vals[k]
	return ok
}

// Get returns a member's value (nil when missing).
func (o *Object) Get(k string) (any, bool) {
	v, ok := o.vals[k]
	return v, ok
}

// Keys returns the member names in order (the slice must not be modified).
func (o *Object) Keys() []string { return o.keys }

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }
