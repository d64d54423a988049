// json_records: encode a list of 100k records with encoding/json, decode
// the text back into records, and sum a field.
package main

import (
	"encoding/json"
	"fmt"
)

const n = 100000 // number of records

var names = []string{"ada", "grace", "linus", "barbara", "ken", "margaret"}

type record struct {
	ID     int      `json:"id"`
	Name   string   `json:"name"`
	Score  int      `json:"score"`
	Ratio  float64  `json:"ratio"`
	Active bool     `json:"active"`
	Tags   []string `json:"tags"`
}

func main() {
	records := make([]record, 0)
	for i := 0; i < n; i++ {
		tags := []string{}
		for t := 0; t <= i%3; t++ {
			tags = append(tags, fmt.Sprintf("t%d", t))
		}
		records = append(records, record{ID: i, Name: fmt.Sprintf("%s-%d", names[i%6], i), Score: (i * 7) % 1000, Ratio: float64(i%8) + 0.25, Active: i%2 == 0, Tags: tags})
	}

	text, err := json.Marshal(records)
	if err != nil {
		panic(err)
	}
	var back []record
	if err := json.Unmarshal(text, &back); err != nil {
		panic(err)
	}

	score, tags, active, ratio := 0, 0, 0, 0.0
	for _, r := range back {
		score += r.Score
		tags += len(r.Tags)
		ratio += r.Ratio
		if r.Active {
			active++
		}
	}
	fmt.Printf("bytes=%d records=%d score=%d tags=%d active=%d ratio=%.2f\n", len(text), len(back), score, tags, active, ratio)
}
