package ardjson

import (
	"math"
	"testing"
	"time"

	"ard2go.dev/rt"
	arddynamic "ard2go.dev/rt/dynamic"
)

// Shapes of generated code: structs are pointers with unexported fields
// (a trailing "_" marks Go keywords), enums are named ints.
type color int

type point struct {
	x int
	y float64
}

type record struct {
	name  string
	nick  rt.Maybe[string]
	tags  *rt.List[string]
	pos   *point
	color color
	type_ string
	extra any
	res   rt.Result[int, string]
	ages  *rt.Map[string, int]
	void  struct{}
	fn    func(int) int
}

type handle struct{ secret int }

func (*handle) ArdOpaque() {}

func enc[T any](t *testing.T, v T) string {
	t.Helper()
	r := Encode(v)
	if !r.Ok {
		t.Fatalf("encode %#v: %s", v, r.Err)
	}
	return r.Val
}

func expect(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// STD-28: value mapping for primitives, Maybe, Result, Void.
func TestSTD28Primitives(t *testing.T) {
	expect(t, enc(t, "hi"), `"hi"`)
	expect(t, enc(t, 42), `42`)
	expect(t, enc(t, -7), `-7`)
	expect(t, enc(t, true), `true`)
	expect(t, enc(t, struct{}{}), `null`)
	expect(t, enc(t, rt.None[int]()), `null`)
	expect(t, enc(t, rt.Some(3)), `3`)
	expect(t, enc(t, rt.Ok[int, string](1)), `1`)
	expect(t, enc(t, rt.Err[int, string]("bad")), `"bad"`)
	expect(t, enc(t, color(2)), `2`)
	expect(t, enc(t, func(int) int { return 0 }), `"fn (Int) Int"`)
	expect(t, enc(t, func(*rt.Map[string, int]) *rt.List[bool] { return nil }), `"fn ([Str:Int]) [Bool]"`)
	expect(t, enc(t, rt.Some(rt.None[int]())), `null`)
}

// STD-28 / STD-31: structs in declaration order, keyword suffix stripped,
// maps in insertion order with stringified keys.
func TestSTD28Structs(t *testing.T) {
	ages := rt.NewMap[string, int](0)
	ages.Set("zed", 3)
	ages.Set("amy", 1)
	r := &record{
		name:  "Ada",
		tags:  rt.NewList("a", "b"),
		pos:   &point{x: 1, y: 2.5},
		color: 1,
		type_: "t",
		extra: []any{1.5, "x", nil},
		res:   rt.Ok[int, string](9),
		ages:  ages,
		fn:    func(i int) int { return i },
	}
	expect(t, enc(t, r),
		`{"name":"Ada","nick":null,"tags":["a","b"],"pos":{"x":1,"y":2.5},"color":1,"type":"t","extra":[1.5,"x",null],"res":9,"ages":{"zed":3,"amy":1},"void":null,"fn":"fn (Int) Int"}`)
	expect(t, enc(t, rt.NewList[*point]()), `[]`)
	expect(t, enc(t, rt.NewList(rt.Some(&point{x: 1}), rt.None[*point]())), `[{"x":1,"y":0},null]`)

	im := rt.NewMap[int, string](0)
	im.Set(1, "a")
	im.Set(-2, "b")
	expect(t, enc(t, im), `{"1":"a","-2":"b"}`)
	bm := rt.NewMap[bool, int](0)
	bm.Set(true, 1)
	expect(t, enc(t, bm), `{"true":1}`)
	fm := rt.NewMap[float64, int](0)
	fm.Set(2.5, 1)
	fm.Set(1e21, 2)
	expect(t, enc(t, fm), `{"2.5":1,"1e+21":2}`)
	em := rt.NewMap[color, rt.Maybe[*point]](0)
	em.Set(2, rt.Some(&point{x: 3}))
	expect(t, enc(t, em), `{"2":{"x":3,"y":0}}`)
	expect(t, enc(t, rt.NewMap[string, int](0)), `{}`)
}

// STD-28: Dynamic contents: JSON values, sqlite column kinds, handles.
func TestSTD28Dynamic(t *testing.T) {
	o := arddynamic.NewObject(0)
	o.Set("b", 2.0)
	o.Set("a", []any{true, nil})
	var d any = o
	expect(t, enc(t, d), `{"b":2,"a":[true,null]}`)
	row := map[string]any{"z": int64(5), "blob": []byte("AB"), "when": time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	expect(t, enc(t, any(row)), `{"blob":"QUI=","when":"2024-01-02T03:04:05Z","z":5}`)
	expect(t, enc(t, any(&handle{1})), `null`)
	expect(t, enc(t, any(&rt.Fiber{})), `null`)
	expect(t, enc(t, rt.Some[any](nil)), `null`)
	// A struct field holding a Dynamic with a time (reached through an
	// unexported field).
	type wrap struct{ d any }
	expect(t, enc(t, &wrap{d: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}), `{"d":"2024-01-02T03:04:05Z"}`)
}

// STD-29: number formatting.
func TestSTD29Floats(t *testing.T) {
	a, b := 0.1, 0.2
	cases := map[float64]string{
		2.5: "2.5", 3.0: "3", a + b: "0.30000000000000004", math.Copysign(0, -1): "-0",
		1e21: "1e+21", 0.000001: "0.000001", 0.0000001: "1e-7", 1e20: "100000000000000000000",
		-1.5e-10: "-1.5e-10", 123456789.125: "123456789.125", 5e-324: "5e-324", math.MaxFloat64: "1.7976931348623157e+308",
	}
	for f, want := range cases {
		expect(t, enc(t, f), want)
	}
}

// STD-29: string escaping.
func TestSTD29Strings(t *testing.T) {
	expect(t, enc(t, "q\"b\\s\b\f\n\r\t\x01\x1f<>&\x7f\u2028\u2029é😀"),
		`"q\"b\\s\b\f\n\r\t\u0001\u001f<>&`+"\x7f\u2028\u2029é😀"+`"`)
	m := rt.NewMap[string, int](0)
	m.Set("k\"\n", 1)
	expect(t, enc(t, m), `{"k\"\n":1}`)
}

// STD-30: errors.
func TestSTD30Errors(t *testing.T) {
	cases := []struct {
		got  rt.Result[string, string]
		want string
	}{
		{Encode(math.NaN()), "json: cannot marshal from Go float64: unsupported value: NaN"},
		{Encode(math.Inf(1)), "json: cannot marshal from Go float64: unsupported value: +Inf"},
		{Encode(rt.NewList(1.0, math.Inf(-1))), "json: cannot marshal from Go float64: unsupported value: -Inf"},
		{Encode("a\xffb"), "json: cannot marshal from Go runtime.Object: invalid UTF-8"},
		{Encode(&point{x: 1, y: math.NaN()}), "json: cannot marshal from Go float64: unsupported value: NaN"},
	}
	for i, c := range cases {
		if c.got.Ok || c.got.Err != c.want {
			t.Errorf("case %d: %#v", i, c.got)
		}
	}
}

func TestEncodeAny(t *testing.T) {
	s, err := EncodeAny(rt.NewList(1, 2))
	if err != nil || s != "[1,2]" {
		t.Fatalf("%q %v", s, err)
	}
}

func TestEncodeFunctionAsArdType(t *testing.T) {
	cases := map[string]any{
		`"fn (Int) Int"`:        func(int) int { return 0 },
		`"fn (Str,[Int]) Bool"`: func(string, *rt.List[int]) bool { return false },
		`"fn () Void"`:          func() {},
		`"fn (Int?) Float!Str"`: func(rt.Maybe[int]) rt.Result[float64, string] { return rt.Result[float64, string]{} },
		`"fn ([Str:Int]) Void"`: func(*rt.Map[string, int]) {},
	}
	for want, f := range cases {
		got := Encode(f)
		if !got.Ok || got.Val != want {
			t.Errorf("Encode(%T) = %#v, want %s", f, got, want)
		}
	}
}
