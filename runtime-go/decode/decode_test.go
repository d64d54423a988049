package arddecode

import (
	"math"
	"strings"
	"testing"
	"time"

	"ard2go.dev/rt"
	arddynamic "ard2go.dev/rt/dynamic"
)

func mustJSON(t *testing.T, text string) any {
	t.Helper()
	r := FromJSON(text)
	if !r.Ok {
		t.Fatalf("from_json(%q): %s", text, r.Err)
	}
	return r.Val
}

// STD-34: parse results and the observed error texts of stdlib.md §14.5.
func TestSTD34FromJSON(t *testing.T) {
	v := mustJSON(t, ` {"b": [1, 2.5, "x", true, null], "a": {"c": -1e3}} `)
	o, ok := v.(*arddynamic.Object)
	if !ok || strings.Join(o.Keys(), ",") != "b,a" {
		t.Fatalf("object: %#v", v)
	}
	b, _ := o.Get("b")
	items := b.([]any)
	if items[0] != 1.0 || items[1] != 2.5 || items[2] != "x" || items[3] != true || items[4] != nil {
		t.Fatalf("items %#v", items)
	}
	if f := mustJSON(t, "9007199254740993"); f != 9007199254740992.0 {
		t.Fatalf("big int: %v", f)
	}
	if s := mustJSON(t, `"\u00e9\ud83d\ude00\/\n"`); s != "é😀/\n" {
		t.Fatalf("escapes: %q", s)
	}
	errs := map[string]string{
		" bad":                "Error parsing JSON: jsontext: invalid character 'b' at start of value after offset 1",
		"":                    "Error parsing JSON: jsontext: unexpected EOF",
		"1 2":                 "Error parsing JSON: jsontext: invalid character '2' after top-level value after offset 2",
		`{"a":1,"a":2}`:       `Error parsing JSON: jsontext: duplicate object member name "a"`,
		`{"x":{"a":1,"a":2}}`: `Error parsing JSON: jsontext: duplicate object member name "a" within "/x"`,
		`{"a": [1, x]}`:       `Error parsing JSON: jsontext: invalid character 'x' at start of value within "/a/1" after offset 10`,
		"[1,]":                "Error parsing JSON: jsontext: invalid character ',' at start of value after offset 2",
		`{"a":`:               `Error parsing JSON: jsontext: unexpected EOF within "/a" after offset 5`,
		"\"\xff\"":            "Error parsing JSON: jsontext: invalid UTF-8 after offset 1",
		`"\q"`:                "Error parsing JSON: jsontext: invalid escape sequence `\\q` in string after offset 1",
		"trux":                "Error parsing JSON: jsontext: invalid character 'x' in literal true (expecting 'e') after offset 3",
		"1e400":               "Error parsing JSON: json: cannot unmarshal JSON number 1e400 into Go float64: value out of range",
		`{"a":[1e400]}`:       `Error parsing JSON: json: cannot unmarshal JSON number 1e400 into Go float64 within "/a/0": value out of range`,
	}
	for in, want := range errs {
		if r := FromJSON(in); r.Ok || r.Err != want {
			t.Errorf("%q:\n got  %q\n want %q", in, r.Err, want)
		}
	}
	deep := strings.Repeat("[", 10001)
	if r := FromJSON(deep); r.Ok || !strings.Contains(r.Err, "exceeded max depth") {
		t.Errorf("deep nesting: %q", r.Err)
	}
}

// STD-33: the found texts of §14.3.
func TestSTD33Found(t *testing.T) {
	long := strings.Repeat("x", 51)
	cases := []struct {
		in   any
		want string
	}{
		{nil, "null"},
		{"hi", `"hi"`},
		{strings.Repeat("y", 50), `"` + strings.Repeat("y", 50) + `"`},
		{long, `"` + strings.Repeat("x", 47) + `..."`},
		{42, "42"},
		{int64(-5), "-5"},
		{1.5, "1.5"},
		{42.0, "42"},
		{1.2345678901234569e23, "123456789012345690000000"},
		{true, "true"},
		{[]any{}, "[]"},
		{[]any{1.0, "x", true}, `[1, "x", true]`},
		{[]any{1.0, 2.0, 3.0, 4.0}, "[array with 4 elements]"},
		{[]any{[]any{nil}}, "[[null]]"},
		{mustJSON(t, `{}`), "{}"},
		{mustJSON(t, `{"k":true}`), "{k: true}"},
		{mustJSON(t, `{"b":1,"a":[2]}`), "{b: 1, a: [2]}"},
		{mustJSON(t, `{"d":1,"c":2,"b":3,"a":4}`), "{object with keys: [d c b]}"},
		{map[string]any{"z": int64(1)}, "{z: 1}"},
		{[]byte("AB"), "[65 66]"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02 03:04:05 +0000 UTC"},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, "[1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 1..."},
	}
	for _, c := range cases {
		if got := Found(c.in); got != c.want {
			t.Errorf("Found(%#v) = %q, want %q", c.in, got, c.want)
		}
	}
	if FoundText(nil) != "null" {
		t.Error("FoundText")
	}
}

// STD-35: primitive decoders.
func TestSTD35Primitives(t *testing.T) {
	if r := String("s"); !r.Ok || r.Val != "s" {
		t.Error("string ok")
	}
	if r := String(3.14); r.Ok || r.Err != "3.14" {
		t.Errorf("string err %#v", r)
	}
	for in, want := range map[any]int{7: 7, int64(-8): -8, 3.0: 3, 1e3: 1000, -0.0: 0} {
		if r := Int(in); !r.Ok || r.Val != want {
			t.Errorf("int(%#v) = %#v", in, r)
		}
	}
	for _, in := range []any{1.5, "3", nil, true, math.NaN(), math.Inf(1), 1e19} {
		if r := Int(in); r.Ok {
			t.Errorf("int(%#v) accepted", in)
		}
	}
	if r := Int(nil); r.Err != "null" {
		t.Errorf("int(nil) found %q", r.Err)
	}
	if r := Int(1.5); r.Err != "1.5" {
		t.Errorf("int(1.5) found %q", r.Err)
	}
	for in, want := range map[any]float64{2.5: 2.5, 3: 3, int64(4): 4} {
		if r := Float(in); !r.Ok || r.Val != want {
			t.Errorf("float(%#v) = %#v", in, r)
		}
	}
	if r := Float("3.14"); r.Ok || r.Err != `"3.14"` {
		t.Errorf("float(str) %#v", r)
	}
	if r := Bool(false); !r.Ok || r.Val {
		t.Error("bool ok")
	}
	if r := Bool(0.0); r.Ok || r.Err != "0" {
		t.Errorf("bool err %#v", r)
	}
}

// STD-36..STD-39: helpers.
func TestSTD36to39Helpers(t *testing.T) {
	obj := mustJSON(t, `{"b": 1, "a": null, "l": [1, "x"]}`)
	if !IsVoid(nil) || IsVoid(obj) || IsVoid(0) || IsVoid("") {
		t.Error("IsVoid")
	}
	if r := ToList(mustJSON(t, `[1, "x"]`)); !r.Ok || r.Val.Size() != 2 || r.Val.At(1) != "x" {
		t.Errorf("to_list %#v", r)
	}
	if r := ToList(nil); r.Ok || r.Err != "null" {
		t.Errorf("to_list nil %#v", r)
	}
	if r := ToList("s"); r.Ok || r.Err != `"s"` {
		t.Errorf("to_list str %#v", r)
	}
	m := ToMap(obj)
	if !m.Ok || m.Val.Size() != 3 {
		t.Fatalf("to_map %#v", m)
	}
	keys := m.Val.Keys().Items
	if keys[0] != "b" || keys[1] != "a" || keys[2] != "l" {
		t.Errorf("to_map order %v", keys)
	}
	if v := m.Val.Get("b"); !v.Ok || v.Val != 1.0 {
		t.Errorf("to_map value %#v", v)
	}
	if r := ToMap(nil); r.Ok || r.Err != "null" {
		t.Error("to_map nil")
	}
	if r := ToMap(mustJSON(t, "[]")); r.Ok || r.Err != "[]" {
		t.Errorf("to_map list %#v", r)
	}
	row := map[string]any{"b": int64(2), "a": "x"}
	if r := ToMap(row); !r.Ok || r.Val.Keys().Items[0] != "a" {
		t.Errorf("to_map go map %#v", r)
	}
	if r := ExtractField(obj, "b"); !r.Ok || r.Val != 1.0 {
		t.Errorf("extract %#v", r)
	}
	if r := ExtractField(obj, "missing"); !r.Ok || r.Val != nil {
		t.Errorf("extract missing %#v", r)
	}
	if r := ExtractField(obj, "a"); !r.Ok || r.Val != nil {
		t.Errorf("extract null %#v", r)
	}
	if r := ExtractField(nil, "a"); r.Ok || r.Err != "null" {
		t.Errorf("extract from nil %#v", r)
	}
	if r := ExtractField("x", "a"); r.Ok || r.Err != `"x"` {
		t.Errorf("extract from str %#v", r)
	}
	if r := ExtractField(row, "b"); !r.Ok || r.Val != int64(2) {
		t.Errorf("extract from row %#v", r)
	}
	var _ rt.Result[any, string] = ExtractField(row, "zz")
}
