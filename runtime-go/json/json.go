// Package ardjson implements ard/json (stdlib.md §13): encoding any Ard
// value as compact JSON by reflecting over its Go representation.
//
// Go representation of Ard values (the compiler's contract):
//   - Int, Float, Str, Bool: int, float64, string, bool; Void: struct{}
//   - enum values: named Go integer types (encoded as the variant index)
//   - structs: pointers to Go structs whose (unexported) field names are the
//     Ard field names, possibly with one trailing "_" added (stripped here)
//   - T?: rt.Maybe[T]; T!E: rt.Result[T, E]; [T]: *rt.List[T]; [K:V]: *rt.Map[K, V]
//   - Dynamic: any (see package arddynamic for what it may hold)
//
// Functions have no JSON form: they encode as null (the reference wrote
// their type as a string). Internal handles of the runtime (database
// connections, HTTP requests, fibers) also encode as null.
package ardjson

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"ard2go.dev/rt"
	arddynamic "ard2go.dev/rt/dynamic"
)

// Encode serialises v (binding "json.Encode"; STD-28..STD-31). The result
// is compact JSON with struct fields in declaration order and map entries in
// insertion order.
func Encode[T any](v T) rt.Result[string, string] {
	s, err := Marshal(reflect.ValueOf(&v).Elem())
	if err != nil {
		return rt.Err[string](err.Error())
	}
	return rt.Ok[string, string](s)
}

// EncodeAny is Encode for a value already boxed in an interface.
func EncodeAny(v any) (string, error) {
	return Marshal(reflect.ValueOf(&v).Elem())
}

// Marshal encodes the value held by rv.
func Marshal(rv reflect.Value) (string, error) {
	e := &encoder{}
	if err := e.value(rv, 0); err != nil {
		return "", err
	}
	return string(e.buf), nil
}

const maxDepth = 10000

var (
	errInvalidUTF8 = errors.New("json: cannot marshal from Go runtime.Object: invalid UTF-8")
	errTooDeep     = errors.New("json: exceeded max depth")
	timeType       = reflect.TypeOf(time.Time{})
	objectType     = reflect.TypeOf(arddynamic.Object{})
)

type encoder struct {
	buf []byte
}

// Opaque is implemented by internal handles that std modules put in a
// Dynamic (database connections, server requests); they encode as null.
type Opaque interface {
	ArdOpaque()
}

type entrieser interface {
	Entries() ([]any, []any)
}

// usable returns a Value whose Interface method may be called even when v
// was reached through an unexported struct field (generated structs use
// unexported field names). Values reached through pointers are addressable,
// which makes this possible without copying.
func usable(v reflect.Value) reflect.Value {
	if v.CanInterface() || !v.CanAddr() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// addressable copies a freshly obtained value (an interface's content, a Go
// map value) into a new variable so that its fields become addressable too.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() || !v.CanInterface() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

func isRT(t reflect.Type, prefix string) bool {
	return t.PkgPath() == "ard2go.dev/rt" && strings.HasPrefix(t.Name(), prefix)
}

func (e *encoder) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errTooDeep
	}
	v = usable(v)
	switch v.Kind() {
	case reflect.Invalid:
		e.buf = append(e.buf, "null"...)
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return e.float(v.Float())
	case reflect.String:
		return e.string(v.String())
	case reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.value(addressable(v.Elem()), depth+1)
	case reflect.Pointer:
		return e.pointer(v, depth)
	case reflect.Struct:
		return e.structValue(v, depth)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.buf = append(e.buf, '"')
			e.buf = append(e.buf, base64.StdEncoding.EncodeToString(v.Bytes())...)
			e.buf = append(e.buf, '"')
			return nil
		}
		return e.array(v, depth)
	case reflect.Array:
		return e.array(v, depth)
	case reflect.Map:
		return e.goMap(v, depth)
	case reflect.Func:
		// A function encodes as its Ard type (stdlib.md §13).
		return e.string(ardType(v.Type()))
	default:
		// Channels, complex numbers: not representable.
		e.buf = append(e.buf, "null"...)
	}
	return nil
}

// ardType writes a Go type of generated code the way Ard prints types
// (types.md §1.1): `fn (Int,Str) Bool`, `[Int]`, `[Str:Int]`, `Int?`, `Int!Str`.
func ardType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		if t.Name() != "int" && t.Name() != "" {
			return userTypeName(t.Name())
		}
		return "Int"
	case reflect.Float64:
		return "Float"
	case reflect.String:
		return "Str"
	case reflect.Bool:
		return "Bool"
	case reflect.Interface:
		if t.Name() != "" {
			return userTypeName(t.Name())
		}
		return "Dynamic"
	case reflect.Func:
		params := make([]string, t.NumIn())
		for i := range params {
			params[i] = ardType(t.In(i))
		}
		ret := "Void"
		if t.NumOut() == 1 {
			ret = ardType(t.Out(0))
		}
		return "fn (" + strings.Join(params, ",") + ") " + ret
	case reflect.Pointer:
		elem := t.Elem()
		switch {
		case isRT(elem, "List["):
			if f, ok := elem.FieldByName("Items"); ok {
				return "[" + ardType(f.Type.Elem()) + "]"
			}
		case isRT(elem, "Map["):
			if ents, ok := elem.FieldByName("ents"); ok {
				k, okK := ents.Type.Elem().FieldByName("key")
				val, okV := ents.Type.Elem().FieldByName("val")
				if okK && okV {
					return "[" + ardType(k.Type) + ":" + ardType(val.Type) + "]"
				}
			}
		}
		return userTypeName(elem.Name())
	case reflect.Struct:
		switch {
		case t.NumField() == 0:
			return "Void"
		case isRT(t, "Maybe["):
			if f, ok := t.FieldByName("Val"); ok {
				return ardType(f.Type) + "?"
			}
		case isRT(t, "Result["):
			v, okV := t.FieldByName("Val")
			e, okE := t.FieldByName("Err")
			if okV && okE {
				return ardType(v.Type) + "!" + ardType(e.Type)
			}
		}
		return userTypeName(t.Name())
	}
	return t.String()
}

// userTypeName drops the module prefix ard2go gives names from other modules.
func userTypeName(name string) string {
	if i := strings.LastIndex(name, "_"); i >= 0 && i+1 < len(name) {
		rest := name[i+1:]
		if rest[0] >= 'A' && rest[0] <= 'Z' {
			return rest
		}
	}
	return name
}

func (e *encoder) pointer(v reflect.Value, depth int) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	elem := v.Type().Elem()
	switch {
	case isRT(elem, "List["):
		return e.array(v.Elem().FieldByName("Items"), depth)
	case isRT(elem, "Map["):
		if m, ok := v.Interface().(entrieser); ok {
			keys, vals := m.Entries()
			return e.entries(keys, vals, depth)
		}
	case elem == objectType:
		o := v.Interface().(*arddynamic.Object)
		keys := o.Keys()
		ks := make([]any, len(keys))
		vs := make([]any, len(keys))
		for i, k := range keys {
			ks[i] = k
			vs[i], _ = o.Get(k)
		}
		return e.entries(ks, vs, depth)
	case elem.Kind() == reflect.Struct && elem.PkgPath() == "ard2go.dev/rt":
		// A runtime handle such as a fiber.
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if _, ok := v.Interface().(Opaque); ok {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	return e.value(v.Elem(), depth+1)
}

func (e *encoder) structValue(v reflect.Value, depth int) error {
	t := v.Type()
	switch {
	case isRT(t, "Maybe["):
		if v.FieldByName("Ok").Bool() {
			return e.value(v.FieldByName("Val"), depth+1)
		}
		e.buf = append(e.buf, "null"...)
		return nil
	case isRT(t, "Result["):
		if v.FieldByName("Ok").Bool() {
			return e.value(v.FieldByName("Val"), depth+1)
		}
		return e.value(v.FieldByName("Err"), depth+1)
	case t == timeType:
		if tm, ok := v.Interface().(time.Time); ok {
			return e.string(tm.Format(time.RFC3339Nano))
		}
	case t.NumField() == 0 && t.Name() == "":
		// Void.
		e.buf = append(e.buf, "null"...)
		return nil
	}
	e.buf = append(e.buf, '{')
	first := true
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Name
		if name == "_" {
			continue
		}
		name = strings.TrimSuffix(name, "_")
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		if err := e.string(name); err != nil {
			return err
		}
		e.buf = append(e.buf, ':')
		if err := e.value(v.Field(i), depth+1); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

func (e *encoder) array(v reflect.Value, depth int) error {
	e.buf = append(e.buf, '[')
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.value(v.Index(i), depth+1); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, ']')
	return nil
}

// goMap encodes a Go map (held in a Dynamic) with its keys sorted.
func (e *encoder) goMap(v reflect.Value, depth int) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	type kv struct {
		key string
		val reflect.Value
	}
	var items []kv
	iter := v.MapRange()
	for iter.Next() {
		items = append(items, kv{KeyString(iter.Key().Interface()), addressable(iter.Value())})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	e.buf = append(e.buf, '{')
	for i, it := range items {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.string(it.key); err != nil {
			return err
		}
		e.buf = append(e.buf, ':')
		if err := e.value(it.val, depth+1); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// entries encodes ordered key/value pairs as an object.
func (e *encoder) entries(keys, vals []any, depth int) error {
	e.buf = append(e.buf, '{')
	for i := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.string(KeyString(keys[i])); err != nil {
			return err
		}
		e.buf = append(e.buf, ':')
		if err := e.value(addressable(reflect.ValueOf(&vals[i]).Elem()), depth+1); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// KeyString is the object member name of a map key: strings as is, Int
// (and enum) keys in decimal, Bool keys "true"/"false", Float keys in Go's
// 'g' format.
func KeyString(k any) string {
	rv := reflect.ValueOf(k)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	}
	return fmt.Sprint(k)
}

// float writes f in the shortest round-trip form, ECMAScript style
// (STD-29): exponent notation only below 1e-6 or from 1e21 on.
func (e *encoder) float(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("json: cannot marshal from Go float64: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	e.buf = AppendFloat(e.buf, f)
	return nil
}

// AppendFloat appends the JSON text of a finite float.
func AppendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-07 → e-7, e+09 → e+9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// string writes a quoted JSON string (STD-29): only '"', '\\' and control
// characters are escaped; everything else is written as UTF-8.
func (e *encoder) string(s string) error {
	if !utf8.ValidString(s) {
		return errInvalidUTF8
	}
	e.buf = AppendString(e.buf, s)
	return nil
}

// AppendString appends s (valid UTF-8) as a JSON string literal.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
