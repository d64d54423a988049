package arddates

import (
	"regexp"
	"testing"
	"time"
)

func TestSTD15Format(t *testing.T) {
	if got := formatDate(time.Date(2025, 3, 7, 23, 59, 0, 0, time.Local)); got != "2025-03-07" {
		t.Fatalf("got %s", got)
	}
	if got := formatDate(time.Date(999, 12, 31, 0, 0, 0, 0, time.Local)); got != "0999-12-31" {
		t.Fatalf("got %s", got)
	}
}

func TestSTD15Today(t *testing.T) {
	before := time.Now().Format("2006-01-02")
	got := GetToday()
	after := time.Now().Format("2006-01-02")
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(got) || (got != before && got != after) {
		t.Fatalf("got %q", got)
	}
}
