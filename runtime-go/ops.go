package rt

import "strings"

// IntDiv divides at run time; generated code uses it where Go would reject
// a constant zero divisor at compile time (Ard faults at run time).
func IntDiv(a, b int) int { return a / b }

// IntRem is IntDiv's remainder counterpart.
func IntRem(a, b int) int { return a % b }

// FloatToInt is Float.to_int at run time; generated code uses it for
// constants that Go would reject converting (out of Int's range).
func FloatToInt(f float64) int { return int(f) }

// Split is Ard's Str.split.
func Split(s, sep string) *List[string] { return &List[string]{Items: strings.Split(s, sep)} }

// MapOf builds a map literal from parallel key and value slices.
func MapOf[K comparable, V any](keys []K, vals []V) *Map[K, V] {
	m := NewMap[K, V](len(keys))
	for i, k := range keys {
		m.Set(k, vals[i])
	}
	return m
}
