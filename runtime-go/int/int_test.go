package ardint

import "testing"

func TestSTD17FromStr(t *testing.T) {
	good := map[string]int{"42": 42, "+17": 17, "-17": -17, "0": 0, "007": 7,
		"9223372036854775807": 9223372036854775807, "-9223372036854775808": -9223372036854775808}
	for in, want := range good {
		if m := FromStr(in); !m.Ok || m.Val != want {
			t.Errorf("%q: %#v", in, m)
		}
	}
	for _, in := range []string{"", "1.0", " 1", "1 ", "0x10", "1_000", "99999999999999999999", "abc", "+", "-", "1e3"} {
		if m := FromStr(in); m.Ok {
			t.Errorf("%q accepted: %#v", in, m)
		}
	}
}
