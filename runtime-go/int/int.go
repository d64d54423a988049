// Package ardint implements ard/int (stdlib.md §6).
package ardint

import (
	"strconv"

	"ard2go.dev/rt"
)

// FromStr parses a decimal Int with strconv.Atoi (binding "int.FromStr";
// STD-17); anything Atoi rejects is none.
func FromStr(s string) rt.Maybe[int] {
	n, err := strconv.Atoi(s)
	if err != nil {
		return rt.None[int]()
	}
	return rt.Some(n)
}
