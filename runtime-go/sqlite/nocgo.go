//go:build !cgo

package ardsqlite

// Without cgo there is no SQLite: the module still compiles, and opening a
// database fails with a clear error.

import "ard2go.dev/rt"

type void = struct{}

const noCgo = "ard/sqlite needs cgo: build with CGO_ENABLED=1 and libsqlite3 installed"

func Connect(path string) rt.Result[any, string] {
	return rt.Err[any]("Failed to connect to database: " + noCgo)
}

func Close(v any) rt.Result[void, string] { return rt.Err[void](noCgo) }

func Execute(v any, sql string, values *rt.List[any]) rt.Result[void, string] {
	return rt.Err[void](noCgo)
}

func Query(v any, sql string, values *rt.List[any]) rt.Result[*rt.List[any], string] {
	return rt.Err[*rt.List[any]](noCgo)
}
