// Package ardstring is ard/string (stdlib.md §9): only the ToString trait,
// declared in string.ard. It has no Go externs.
package ardstring
