// Package ardduration is ard/duration (stdlib.md §5). The module is written
// entirely in Ard (duration.ard); this package has no Go externs.
package ardduration
