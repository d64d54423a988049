// Package arddates implements ard/dates (stdlib.md §4).
package arddates

import "time"

// GetToday returns today's local date as YYYY-MM-DD (binding
// "dates.GetToday"; STD-15).
func GetToday() string { return formatDate(time.Now()) }

func formatDate(t time.Time) string { return t.Format("2006-01-02") }
