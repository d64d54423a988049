package ardfloat

import (
	"math"
	"testing"
)

func TestSTD18FromStr(t *testing.T) {
	good := map[string]float64{"3.14": 3.14, "1e3": 1000, "-2.5": -2.5, "+1": 1, ".5": 0.5,
		"0x1p-2": 0.25, "1_000": 0}
	delete(good, "1_000")
	for in, want := range good {
		if m := FromStr(in); !m.Ok || m.Val != want {
			t.Errorf("%q: %#v", in, m)
		}
	}
	for _, in := range []string{"inf", "Infinity", "-INF"} {
		if m := FromStr(in); !m.Ok || !math.IsInf(m.Val, 0) {
			t.Errorf("%q: %#v", in, m)
		}
	}
	if m := FromStr("NaN"); !m.Ok || !math.IsNaN(m.Val) {
		t.Errorf("nan: %#v", m)
	}
	for _, in := range []string{"", " 1", "1 ", "1e400", "abc", "1.2.3", "--1"} {
		if m := FromStr(in); m.Ok {
			t.Errorf("%q accepted: %#v", in, m)
		}
	}
}

func TestSTD19FromInt(t *testing.T) {
	if FromInt(-3) != -3.0 || FromInt(1<<53+1) != float64(1<<53+1) {
		t.Fatal("FromInt")
	}
}

func TestSTD20Floor(t *testing.T) {
	for in, want := range map[float64]float64{-2.5: -3, 2.5: 2, 3: 3, -0.1: -1} {
		if got := Floor(in); got != want {
			t.Errorf("floor(%v) = %v", in, got)
		}
	}
}
