package ardsqlite

import (
	"strings"
	"testing"

	"ard2go.dev/rt"
)

func join(l *rt.List[string]) string { return strings.Join(l.Items, "|") }

// STD-65: tokenizer rules, order of first appearance, no duplicates.
func TestSTD65ExtractParams(t *testing.T) {
	cases := map[string]string{
		"SELECT * FROM t WHERE a = @a AND (b=@b) OR c=@a;": "a|b",
		"INSERT INTO t VALUES (@x,@y)":                     "x|y",
		"SELECT @x+1":                                      "x+1",
		"SELECT @@v, @w., @z:, @q?":                        "v|w|z|q",
		"SELECT '@s'":                                      "",
		"SELECT ' @s '":                                    "s",
		"SELECT @ , a@b, @":                                "",
		"x\t@tab\r\n@nl<@lt>@gt!@bang":                     "tab|nl|lt|gt|bang",
		"":                                                 "",
	}
	for in, want := range cases {
		if got := join(ExtractParams(in)); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	if ExtractParams("").Items == nil {
		t.Error("nil slice")
	}
}

// STD-66, STD-67: whole-token replacement; repeated names bound once per
// occurrence; names that are prefixes of others are not corrupted.
func TestSTD66Placeholders(t *testing.T) {
	sql := "SELECT @ab AS x, @abc AS y, @ab + @ab AS z, @other"
	params := rt.NewList("ab", "abc")
	if got := Placeholders(sql, params); got != "SELECT ? AS x, ? AS y, ? + ? AS z, @other" {
		t.Errorf("placeholders: %q", got)
	}
	if got := join(Occurrences(sql, params)); got != "ab|abc|ab|ab" {
		t.Errorf("occurrences: %q", got)
	}
	if got := Placeholders("SELECT @n.", rt.NewList("n")); got != "SELECT ?." {
		t.Errorf("trailing punctuation: %q", got)
	}
	if got := Placeholders("SELECT @x+1 AS r", ExtractParams("SELECT @x+1 AS r")); got != "SELECT ? AS r" {
		t.Errorf("odd token: %q", got)
	}
	if got := Placeholders("SELECT 1", nil); got != "SELECT 1" {
		t.Errorf("nil params: %q", got)
	}
}
