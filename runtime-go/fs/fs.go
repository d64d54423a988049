// Package ardfs implements ard/fs (stdlib.md §2). Relative paths are
// relative to the process's working directory; errors are the texts of Go's
// *os.PathError ("open x: no such file or directory").
package ardfs

import (
	"os"

	"ard2go.dev/rt"
)

type void = struct{}

// Exists reports whether stat(path) succeeds (STD-07).
func Exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// CreateFile creates or truncates the file and returns Ok(true) (STD-08).
func CreateFile(path string) rt.Result[bool, string] {
	f, err := os.Create(path)
	if err != nil {
		return rt.Err[bool](err.Error())
	}
	if err := f.Close(); err != nil {
		return rt.Err[bool](err.Error())
	}
	return rt.Ok[bool, string](true)
}

// Write replaces the file's content, creating it with mode 0644 (STD-09).
func Write(path, content string) rt.Result[void, string] {
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		return rt.Err[void](err.Error())
	}
	return rt.Ok[void, string](void{})
}

// Append appends to an existing file; it never creates one (STD-10).
func Append(path, content string) rt.Result[void, string] {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return rt.Err[void](err.Error())
	}
	_, werr := f.WriteString(content)
	cerr := f.Close()
	if werr != nil {
		return rt.Err[void](werr.Error())
	}
	if cerr != nil {
		return rt.Err[void](cerr.Error())
	}
	return rt.Ok[void, string](void{})
}

// Read returns the whole file, bytes unchanged (STD-11).
func Read(path string) rt.Result[string, string] {
	data, err := os.ReadFile(path)
	if err != nil {
		return rt.Err[string](err.Error())
	}
	return rt.Ok[string, string](string(data))
}

// Delete removes a file or an empty directory (STD-12).
func Delete(path string) rt.Result[void, string] {
	if err := os.Remove(path); err != nil {
		return rt.Err[void](err.Error())
	}
	return rt.Ok[void, string](void{})
}
