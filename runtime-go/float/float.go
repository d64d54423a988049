// Package ardfloat implements ard/float (stdlib.md §7).
package ardfloat

import (
	"math"
	"strconv"

	"ard2go.dev/rt"
)

// FromStr parses with strconv.ParseFloat(s, 64) (binding "float.FromStr";
// STD-18). Syntax errors and out-of-range values are none.
func FromStr(s string) rt.Maybe[float64] {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return rt.None[float64]()
	}
	return rt.Some(f)
}

// FromInt converts exactly like Go's float64(i) (STD-19).
func FromInt(i int) float64 { return float64(i) }

// Floor is the largest integer value <= f, still a Float (STD-20).
func Floor(f float64) float64 { return math.Floor(f) }
