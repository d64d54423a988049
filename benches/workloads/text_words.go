// text_words: text processing with a string-keyed map: build lines of
// generated words, split them, count the words, sort the distinct words by
// count (then alphabetically) and report the top ones.
package main

import (
	"fmt"
	"sort"
	"strings"
)

const (
	lines   = 200000 // number of lines
	perLine = 10     // words per line
)

var syllables = []string{"ka", "lo", "mi", "ren", "tu", "sa", "vo", "e", "zu", "pa"}

func main() {
	// generate the lines with a linear congruential generator
	text := []string{}
	seed := 4242
	for i := 1; i <= lines; i++ {
		line := ""
		for j := 1; j <= perLine; j++ {
			seed = (seed*1103515245 + 12345) % 2147483648
			r := seed / 65536
			w := syllables[r%10] + syllables[(r/10)%10]
			if (r/100)%3 == 0 {
				w += syllables[(r/300)%10]
			}
			if j == 1 {
				line = w
			} else {
				line += " " + w
			}
		}
		text = append(text, line)
	}

	// split and count
	counts := map[string]int{}
	total := 0
	for _, line := range text {
		for _, w := range strings.Split(line, " ") {
			counts[w]++
			total++
		}
	}

	// sort the distinct words: most frequent first, then alphabetical
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		ci, cj := counts[words[i]], counts[words[j]]
		if ci == cj {
			return words[i] < words[j]
		}
		return ci > cj
	})

	top := ""
	for _, w := range words[:5] {
		top += fmt.Sprintf(" %s=%d", w, counts[w])
	}
	check := 0
	for i, w := range words {
		check = (check*31 + len(w)*(i+1)) % 1000003
	}
	fmt.Printf("words=%d distinct=%d check=%d\n", total, len(counts), check)
	fmt.Printf("top:%s\n", top)
}
