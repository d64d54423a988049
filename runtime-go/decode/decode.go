// Package arddecode implements the Go side of ard/decode (stdlib.md §14):
// JSON parsing into Dynamic values, the primitive decoders and the helpers
// the Ard combinators are built on.
//
// The primitive decoders return the §14.3 "found" text as their error; the
// Ard side wraps it into a decode::Error (externs cannot mention structs).
package arddecode

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"ard2go.dev/rt"
	arddynamic "ard2go.dev/rt/dynamic"
)

// FromJSON parses JSON text into a Dynamic (binding "decode.FromJSON";
// STD-34). Numbers become float64; objects keep their member order.
func FromJSON(text string) rt.Result[any, string] {
	v, err := parseJSON(text)
	if err != nil {
		return rt.Err[any]("Error parsing JSON: " + err.Error())
	}
	return rt.Ok[any, string](v)
}

// IsVoid reports whether the Dynamic holds nil (STD-36).
func IsVoid(d any) bool { return d == nil }

// ToList returns the elements of a JSON array (STD-37).
func ToList(d any) rt.Result[*rt.List[any], string] {
	if items, ok := d.([]any); ok {
		out := make([]any, len(items))
		copy(out, items)
		return rt.Ok[*rt.List[any], string](rt.NewList(out...))
	}
	return rt.Err[*rt.List[any]](Found(d))
}

// ToMap returns the members of an object as a map from Dynamic strings to
// Dynamic values, in member order (STD-38).
func ToMap(d any) rt.Result[*rt.Map[any, any], string] {
	keys, get, ok := objectView(d)
	if !ok {
		return rt.Err[*rt.Map[any, any]](Found(d))
	}
	m := rt.NewMap[any, any](len(keys))
	for _, k := range keys {
		m.Set(k, get(k))
	}
	return rt.Ok[*rt.Map[any, any], string](m)
}

// ExtractField returns a member of an object; a missing member is nil
// (STD-39).
func ExtractField(d any, name string) rt.Result[any, string] {
	_, get, ok := objectView(d)
	if !ok {
		return rt.Err[any](Found(d))
	}
	return rt.Ok[any, string](get(name))
}

// objectView gives ordered access to an object-like Dynamic.
func objectView(d any) (keys []string, get func(string) any, ok bool) {
	switch o := d.(type) {
	case *arddynamic.Object:
		return o.Keys(), func(k string) any { v, _ := o.Get(k); return v }, true
	case map[string]any:
		keys = make([]string, 0, len(o))
		for k := range o {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys, func(k string) any { return o[k] }, true
	}
	return nil, nil, false
}

// String decodes a Str (STD-35); the error is the found text.
func String(d any) rt.Result[string, string] {
	if s, ok := d.(string); ok {
		return rt.Ok[string, string](s)
	}
	return rt.Err[string](Found(d))
}

// Int decodes an Int: Go integers, or a float64 with an integral value.
func Int(d any) rt.Result[int, string] {
	switch v := d.(type) {
	case int:
		return rt.Ok[int, string](v)
	case int64:
		return rt.Ok[int, string](int(v))
	case int32:
		return rt.Ok[int, string](int(v))
	case float64:
		if v == math.Trunc(v) && v >= -9.223372036854775808e18 && v < 9.223372036854775808e18 {
			return rt.Ok[int, string](int(v))
		}
	}
	return rt.Err[int](Found(d))
}

// Float decodes a Float: float64 or any Go integer.
func Float(d any) rt.Result[float64, string] {
	switch v := d.(type) {
	case float64:
		return rt.Ok[float64, string](v)
	case int:
		return rt.Ok[float64, string](float64(v))
	case int64:
		return rt.Ok[float64, string](float64(v))
	case int32:
		return rt.Ok[float64, string](float64(v))
	}
	return rt.Err[float64](Found(d))
}

// Bool decodes a Bool.
func Bool(d any) rt.Result[bool, string] {
	if b, ok := d.(bool); ok {
		return rt.Ok[bool, string](b)
	}
	return rt.Err[bool](Found(d))
}

// FoundText is Found as an extern (binding "decode.FoundText").
func FoundText(d any) string { return Found(d) }

// Found describes a Dynamic value for decode errors (stdlib.md §14.3,
// STD-33).
func Found(d any) string {
	switch v := d.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 50 {
			return `"` + v[:47] + `..."`
		}
		return `"` + v + `"`
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		switch n := len(v); {
		case n == 0:
			return "[]"
		case n <= 3:
			parts := make([]string, n)
			for i, item := range v {
				parts[i] = Found(item)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		default:
			return "[array with " + strconv.Itoa(n) + " elements]"
		}
	}
	if keys, get, ok := objectView(d); ok {
		switch n := len(keys); {
		case n == 0:
			return "{}"
		case n <= 3:
			parts := make([]string, n)
			for i, k := range keys {
				parts[i] = k + ": " + Found(get(k))
			}
			return "{" + strings.Join(parts, ", ") + "}"
		default:
			return fmt.Sprintf("{object with keys: %v}", keys[:3])
		}
	}
	s := fmt.Sprintf("%v", d)
	if len(s) > 50 {
		s = s[:47] + "..."
	}
	return s
}
