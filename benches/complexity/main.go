// Complexity check of the Go runtime behind ard2go (issue 17): every
// operation is timed at size n and at 10n. An operation that is O(1) per
// call, done n times, should take about 10x longer at 10n; an O(n) one done
// once also 10x; a quadratic one shows as 100x. Each row states the growth
// it should have (the expected ratio) and is flagged when the measured
// ratio is more than 5x the expected one (timing noise and caches move
// ratios by a factor of 3 or so, see the Go map reference rows; a wrong
// complexity class moves them by 10 or more).
//
// usage: cd benches/complexity && go run . [-only SUBSTRING] [-reps N]
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ard2go.dev/rt"
	ardasync "ard2go.dev/rt/async"
	arddecode "ard2go.dev/rt/decode"
	ardjson "ard2go.dev/rt/json"
	ardlist "ard2go.dev/rt/list"
)

// op is one row: setup builds the input for size n (not timed), run does
// the measured work on it.
type op struct {
	area, name string
	n          int     // base size (10n is measured too)
	expect     float64 // expected time ratio between 10n and n
	class      string  // the complexity a user expects, per call
	setup      func(n int) any
	run        func(n int, in any)
}

// record has the shape of a generated Ard struct (pointer, unexported fields).
type record struct {
	id    int
	name  string
	score int
	tags  *rt.List[string]
}

func intMap(n int) *rt.Map[int, int] {
	m := rt.NewMap[int, int](0)
	for i := 0; i < n; i++ {
		m.Set(i, i)
	}
	return m
}

func intList(n int) *rt.List[int] {
	l := rt.NewList[int]()
	for i := 0; i < n; i++ {
		l.Push((i * 7919) % n)
	}
	return l
}

func records(n int) *rt.List[*record] {
	l := rt.NewList[*record]()
	for i := 0; i < n; i++ {
		l.Push(&record{id: i, name: "name-" + strconv.Itoa(i), score: i % 1000, tags: rt.NewList("a", "b")})
	}
	return l
}

func recordsJSON(n int) string {
	s, err := ardjson.EncodeAny(records(n))
	if err != nil {
		panic(err)
	}
	return s
}

var sink int

func ops() []op {
	none := func(int) any { return nil }
	return []op{
		// lists
		{"list", "push n", 20000, 10, "O(1) amortised", none, func(n int, _ any) {
			l := rt.NewList[int]()
			for i := 0; i < n; i++ {
				l.Push(i)
			}
		}},
		{"list", "at n", 20000, 10, "O(1)", func(n int) any { return intList(n) }, func(n int, in any) {
			l := in.(*rt.List[int])
			for i := 0; i < n; i++ {
				sink += l.At((i * 31) % n)
			}
		}},
		{"list", "set n", 20000, 10, "O(1)", func(n int) any { return intList(n) }, func(n int, in any) {
			l := in.(*rt.List[int])
			for i := 0; i < n; i++ {
				l.Set((i*31)%n, i)
			}
		}},
		{"list", "swap n", 20000, 10, "O(1)", func(n int) any { return intList(n) }, func(n int, in any) {
			l := in.(*rt.List[int])
			for i := 0; i < n; i++ {
				l.Swap(i, (i*31)%n)
			}
		}},
		{"list", "size n", 20000, 10, "O(1)", func(n int) any { return intList(n) }, func(n int, in any) {
			l := in.(*rt.List[int])
			for i := 0; i < n; i++ {
				sink += l.Size()
			}
		}},
		{"list", "iterate once", 20000, 10, "O(n)", func(n int) any { return intList(n) }, func(n int, in any) {
			for _, v := range in.(*rt.List[int]).Items {
				sink += v
			}
		}},
		{"list", "prepend n", 3000, 100, "O(n)", none, func(n int, _ any) {
			l := rt.NewList[int]()
			for i := 0; i < n; i++ {
				l.Prepend(i)
			}
		}},
		{"list", "sort once", 20000, 13, "O(n log n)", func(n int) any { return intList(n) }, func(n int, in any) {
			in.(*rt.List[int]).Sort(func(a, b int) bool { return a < b })
		}},
		{"list", "copy (mut) once", 20000, 10, "O(n)", func(n int) any { return intList(n) }, func(n int, in any) {
			sink += in.(*rt.List[int]).Clone(nil).Size()
		}},
		{"list", "list::concat once", 20000, 10, "O(n)", func(n int) any { return intList(n) }, func(n int, in any) {
			l := in.(*rt.List[int])
			sink += ardlist.Concat(l, l).Size()
		}},
		// maps
		{"map", "set (insert) n", 20000, 10, "O(1) amortised", none, func(n int, _ any) { intMap(n) }},
		{"map", "set (replace) n", 20000, 10, "O(1)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				m.Set(i, -i)
			}
		}},
		{"map", "get n", 20000, 10, "O(1)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				sink += m.Get((i * 31) % n).Val
			}
		}},
		{"map", "has n (misses)", 20000, 10, "O(1)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				if m.Has(-i - 1) {
					sink++
				}
			}
		}},
		{"map", "set(k, get(k).or(0) + 1) n", 20000, 10, "O(1)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				*m.Slot(i%(n/2+1)+n/2, 0) += 1
			}
		}},
		{"map", "size n", 20000, 10, "O(1)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				sink += m.Size()
			}
		}},
		{"map", "drop all (insertion order)", 20000, 10, "O(1) amortised", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				m.Drop(i)
			}
		}},
		{"map", "drop all (scattered)", 20000, 10, "O(1) amortised", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				m.Drop((i * 7919) % n)
			}
		}},
		{"map", "drop all (newest first)", 20000, 10, "O(1) amortised", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := n - 1; i >= 0; i-- {
				m.Drop(i)
			}
		}},
		{"map", "queue: drop oldest, add one, n", 20000, 10, "O(1) amortised", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for i := 0; i < n; i++ {
				m.Drop(i)
				m.Set(n+i, i)
			}
		}},
		{"map", "iterate once", 20000, 10, "O(n)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for it := m.Iter(); it.Next() || it.Seek(); {
				sink += it.Val()
			}
		}},
		{"map", "iterate once, dropping each key", 20000, 10, "O(n)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for it := m.Iter(); it.Next() || it.Seek(); {
				m.Drop(it.Key())
			}
		}},
		{"map", "iterate once, dropping every other key ahead", 20000, 10, "O(n)", func(n int) any { return intMap(n) }, func(n int, in any) {
			m := in.(*rt.Map[int, int])
			for it := m.Iter(); it.Next() || it.Seek(); {
				m.Drop(it.Key() + 1)
			}
		}},
		{"map", "keys once", 20000, 10, "O(n)", func(n int) any { return intMap(n) }, func(n int, in any) {
			sink += in.(*rt.Map[int, int]).Keys().Size()
		}},
		{"map", "copy (mut) once", 20000, 10, "O(n)", func(n int) any { return intMap(n) }, func(n int, in any) {
			sink += in.(*rt.Map[int, int]).Clone(nil).Size()
		}},
		// the same on a plain Go map, for reference: caches make hash
		// operations grow faster than 10x at these sizes for Go too
		{"go", "reference: Go map insert n", 20000, 10, "O(1) amortised", none, func(n int, _ any) {
			m := map[int]int{}
			for i := 0; i < n; i++ {
				m[i] = i
			}
		}},
		{"go", "reference: Go map delete all (scattered)", 20000, 10, "O(1)", func(n int) any {
			m := map[int]int{}
			for i := 0; i < n; i++ {
				m[i] = i
			}
			return m
		}, func(n int, in any) {
			m := in.(map[int]int)
			for i := 0; i < n; i++ {
				delete(m, (i*7919)%n)
			}
		}},
		// strings
		{"string", "split once (n words)", 20000, 10, "O(n)", func(n int) any { return strings.Repeat("word ", n) }, func(n int, in any) {
			sink += rt.Split(in.(string), " ").Size()
		}},
		{"string", "contains once (n bytes, miss)", 1000000, 10, "O(n)", func(n int) any { return strings.Repeat("a", n) }, func(n int, in any) {
			if strings.Contains(in.(string), "ab") {
				sink++
			}
		}},
		{"string", "replace_all once (n bytes)", 1000000, 10, "O(n)", func(n int) any { return strings.Repeat("ab", n/2) }, func(n int, in any) {
			sink += len(strings.ReplaceAll(in.(string), "b", "cd"))
		}},
		{"string", "interpolate / to_str n", 20000, 10, "O(1)", none, func(n int, _ any) {
			for i := 0; i < n; i++ {
				sink += len("k" + strconv.Itoa(i) + ":" + rt.FloatStr(float64(i)))
			}
		}},
		// JSON and decode
		{"json", "json::encode once (n records)", 20000, 10, "O(n)", func(n int) any { return records(n) }, func(n int, in any) {
			sink += len(ardjson.Encode(in.(*rt.List[*record])).Val)
		}},
		{"json", "json::encode once (n-entry map)", 20000, 10, "O(n)", func(n int) any {
			m := rt.NewMap[string, int](0)
			for i := 0; i < n; i++ {
				m.Set("k"+strconv.Itoa(i), i)
			}
			return m
		}, func(n int, in any) {
			sink += len(ardjson.Encode(in.(*rt.Map[string, int])).Val)
		}},
		{"decode", "from_json once (n records)", 20000, 10, "O(n)", func(n int) any { return recordsJSON(n) }, func(n int, in any) {
			if !arddecode.FromJSON(in.(string)).Ok {
				panic("parse")
			}
		}},
		{"decode", "to_list once (n elements)", 20000, 10, "O(n)", func(n int) any { return arddecode.FromJSON(recordsJSON(n)).Val }, func(n int, in any) {
			sink += arddecode.ToList(in).Val.Size()
		}},
		{"decode", "to_map once (n members)", 20000, 10, "O(n)", func(n int) any {
			var b strings.Builder
			b.WriteString("{")
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, `"k%d":%d`, i, i)
			}
			b.WriteString("}")
			return arddecode.FromJSON(b.String()).Val
		}, func(n int, in any) {
			sink += arddecode.ToMap(in).Val.Size()
		}},
		{"decode", "extract_field n (object of 4)", 20000, 10, "O(1)", func(n int) any { return arddecode.FromJSON(recordsJSON(1)).Val.([]any)[0] }, func(n int, in any) {
			for i := 0; i < n; i++ {
				if arddecode.ExtractField(in, "score").Ok {
					sink++
				}
			}
		}},
		// io: one write per printed line
		{"io", "print n lines (to /dev/null)", 20000, 10, "O(1)", none, func(n int, _ any) {
			for i := 0; i < n; i++ {
				rt.Print("line")
			}
		}},
		// fibers
		{"async", "start + join n fibers", 20000, 10, "O(1)", none, func(n int, _ any) {
			fs := make([]*rt.Fiber, n)
			for i := range fs {
				fs[i] = rt.Start(func() { sink++ })
			}
			for _, f := range fs {
				f.Join()
			}
		}},
		{"async", "sleep(0) n", 20000, 10, "O(1)", none, func(n int, _ any) {
			for i := 0; i < n; i++ {
				ardasync.Sleep(0)
			}
		}},
	}
}

// cpuTime is the process's user + system time so far: on a shared machine
// it counts the work done, not the time spent waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeOf is the best of reps runs of o at size n, in CPU time (garbage
// collection included).
func timeOf(o op, n, reps int) time.Duration {
	best := time.Duration(0)
	for r := 0; r < reps; r++ {
		in := o.setup(n)
		runtime.GC()
		start := cpuTime()
		o.run(n, in)
		d := cpuTime() - start
		if best == 0 || d < best {
			best = d
		}
	}
	return best
}

func main() {
	only := flag.String("only", "", "run the rows whose area or name contains this")
	reps := flag.Int("reps", 3, "runs per size (best kept)")
	flag.Parse()
	// Print goes to stdout: send the program's stdout to /dev/null and
	// write the table to stderr.
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	out := os.Stderr
	os.Stdout = devnull
	fmt.Fprintf(out, "%-7s %-44s %-15s %8s %10s %10s %7s %7s\n", "area", "operation", "expected", "n", "t(n)", "t(10n)", "ratio", "expect")
	bad := 0
	for _, o := range ops() {
		if *only != "" && !strings.Contains(o.area+" "+o.name, *only) {
			continue
		}
		t1 := timeOf(o, o.n, *reps)
		t10 := timeOf(o, 10*o.n, *reps)
		ratio := float64(t10) / float64(max(t1, time.Microsecond))
		flag := ""
		if ratio > 5*o.expect {
			flag = "  <-- SLOW"
			bad++
		}
		fmt.Fprintf(out, "%-7s %-44s %-15s %8d %10s %10s %7.1f %7.0f%s\n", o.area, o.name, o.class, o.n,
			t1.Round(time.Microsecond), t10.Round(time.Microsecond), ratio, o.expect, flag)
	}
	if bad > 0 {
		fmt.Fprintf(out, "%d operation(s) grew faster than expected\n", bad)
		os.Exit(1)
	}
}
