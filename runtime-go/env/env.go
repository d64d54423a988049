// Package ardenv implements ard/env (stdlib.md §3).
package ardenv

import (
	"os"

	"ard2go.dev/rt"
)

// Get looks up an environment variable (binding "env.Get"; STD-14).
func Get(key string) rt.Maybe[string] {
	if v, ok := os.LookupEnv(key); ok {
		return rt.Some(v)
	}
	return rt.None[string]()
}
