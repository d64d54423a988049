//go:build goexperiment.jsonv2 && go1.27

package arddecode

// Differential test of the JSON parser against encoding/json/v2, whose
// error texts the reference exposed (STD-34). Only built when the Go
// toolchain has json/v2 (GOEXPERIMENT=jsonv2).

import (
	jsonv2 "encoding/json/v2"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	arddynamic "ard2go.dev/rt/dynamic"
)

func plain(v any) any {
	switch x := v.(type) {
	case *arddynamic.Object:
		m := map[string]any{}
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			m[k] = plain(val)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

func compareWithV2(t *testing.T, in string) bool {
	t.Helper()
	var want any
	werr := jsonv2.Unmarshal([]byte(in), &want)
	got, gerr := parseJSON(in)
	switch {
	case werr != nil && gerr != nil:
		w := strings.Replace(werr.Error(), "json: unable to ", "json: cannot ", 1)
		if w != gerr.Error() {
			t.Errorf("%q:\n got  %s\n want %s", in, gerr, w)
			return false
		}
	case werr != nil:
		t.Errorf("%q: accepted (%#v), v2 error %s", in, got, werr)
		return false
	case gerr != nil:
		t.Errorf("%q: error %s, v2 accepted", in, gerr)
		return false
	case !reflect.DeepEqual(plain(got), want):
		t.Errorf("%q: got %#v want %#v", in, plain(got), want)
		return false
	}
	return true
}

var seeds = []string{
	`{"a":[1,2,{"b":null,"c":"x\ny"}],"d":true,"e":-1.5e3,"f":"\u00e9\ud83d\ude00"}`,
	`[[],{},[{}],"",0,-0,1e-400,12345678901234567890,"\\\/\b\f\n\r\t"]`,
	` { "k~/": [ false , null ] , "": {"x":{"y":[1]}} } `,
	`"plain"`, `3.25`, `null`, `[1,[2,[3,[4]]]]`, `{"a":{"a":{"a":1}}}`,
}

func TestSTD34ParserMatchesV2Corpus(t *testing.T) {
	corpus := []string{
		"", " b", "[b]", `{"a": b}`, "1 2", `{"a":1,"a":2}`, `{"x":{"a":1,"a":2}}`, `{"a":`, "[1,2", "tru",
		"trux", `{"a" 1}`, `{"a":1 "b":2}`, "[1 2]", "{1:2}", `"abc`, `"a\qb"`, "\"a\nb\"", `"\u12"`,
		`"\ud800"`, `"\ud800\u0041"`, "01", "-", "1.", "1e", "1e400", "-1e400", "[1,]", `{"a":1,}`,
		"\"\xff\"", `{"a":[1,{"b":x}]}`, "x", "\x01", "[1]]", "  ", `{"a~b/c":x}`, "+1", ".5", "NaN",
		`{"":x}`, "ü", `{"a":1e400}`, "[1e400]", `[1e400, x]`, `{"a":1,"a"`, `{"a":1,"\u0061":2}`,
		`"\uDC00"`, `"\ud800x"`, `"\ud800\"`, `"\`, `"\u`, `"\ud800`, `"\ud800\u`, `"\ud800\uDC`,
		`"\ud800\ud800"`, `"\uZZZZ"`, `"\u 123"`, "\"a\xc3", "\"\xc3\x28\"", "trUe", "fals", "nulL",
		"1.e3", "-01", "[1,2,3]x", `{"w":{"a":1]`, `{"w":[1}`, `[}`, `{]`, `{"a":]`, `{"a":}`,
		`{tx`, `{true}`, `{-}`, `{-x}`, `{1.5:2}`, `["s`, `{"a":["\q"]}`, `[1,,2]`, `[,]`, `{,}`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		`{"` + strings.Repeat("n", 120) + `":{"b":x}}`,
	}
	for _, in := range corpus {
		compareWithV2(t, in)
	}
}

func TestSTD34ParserMatchesV2Mutations(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte("{}[]:,\" \\u0aefntrl-+.eE19x\n\xff\xc3")
	failures := 0
	for i := 0; i < 20000 && failures < 20; i++ {
		b := []byte(seeds[rng.Intn(len(seeds))])
		for m := rng.Intn(3) + 1; m > 0 && len(b) > 0; m-- {
			pos := rng.Intn(len(b))
			switch rng.Intn(4) {
			case 0: // delete
				b = append(b[:pos], b[pos+1:]...)
			case 1: // insert
				b = append(b[:pos], append([]byte{alphabet[rng.Intn(len(alphabet))]}, b[pos:]...)...)
			case 2: // replace
				b[pos] = alphabet[rng.Intn(len(alphabet))]
			case 3: // truncate
				b = b[:pos]
			}
		}
		if !compareWithV2(t, string(b)) {
			failures++
		}
	}
}
