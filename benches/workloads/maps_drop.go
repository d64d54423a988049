// maps_drop: fill a 200,000-entry map and drop all of its keys, in
// increasing and in a scattered order, several rounds; the map is reused
// between rounds.
package main

import "fmt"

const (
	n      = 200000 // entries
	rounds = 4
)

func main() {
	m := map[int]int{}
	check := 0
	for round := 1; round <= rounds; round++ {
		for i := 0; i < n; i++ {
			m[i] = i * round
		}
		check += len(m)
		if round%2 == 0 {
			for i := 0; i < n; i++ {
				delete(m, i)
			}
		} else {
			for i := 0; i < n; i++ {
				delete(m, (i*7919)%n)
			}
		}
		check += len(m)
		// a few entries survive into the next round
		m[n+round] = round
	}
	rest := 0
	for k, v := range m {
		rest += k + v
	}
	fmt.Printf("check=%d size=%d rest=%d\n", check, len(m), rest)
}
