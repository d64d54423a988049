//go:build cgo

package ardsqlite

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ard2go.dev/rt"
	arddynamic "ard2go.dev/rt/dynamic"
)

func open(t *testing.T) (any, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	r := Connect(path)
	if !r.Ok {
		t.Fatalf("connect: %s", r.Err)
	}
	t.Cleanup(func() { Close(r.Val) })
	return r.Val, path
}

func vals(v ...any) *rt.List[any] { return rt.NewList(v...) }

func mustExec(t *testing.T, db any, sql string, args ...any) {
	t.Helper()
	if r := Execute(db, sql, vals(args...)); !r.Ok {
		t.Fatalf("exec %q: %s", sql, r.Err)
	}
}

func mustQuery(t *testing.T, db any, sql string, args ...any) []*arddynamic.Object {
	t.Helper()
	r := Query(db, sql, vals(args...))
	if !r.Ok {
		t.Fatalf("query %q: %s", sql, r.Err)
	}
	var rows []*arddynamic.Object
	for _, row := range r.Val.Items {
		rows = append(rows, row.(*arddynamic.Object))
	}
	return rows
}

func get(o *arddynamic.Object, k string) any {
	v, _ := o.Get(k)
	return v
}

// STD-61..STD-63, STD-68..STD-70, STD-72: a file database round trip.
func TestSTD61RoundTrip(t *testing.T) {
	db, path := open(t)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	mustExec(t, db, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, score REAL, done BOOLEAN,
		data BLOB, at DATETIME, day DATE, n INTEGER); CREATE TABLE other (x INTEGER)`)
	mustExec(t, db, "INSERT INTO notes (body, score, done, data, at, day, n) VALUES (?, ?, ?, ?, ?, ?, ?)",
		"buy tea", 2.5, true, []byte("AB"), "2024-01-02 03:04:05", "2024-01-02", nil)
	mustExec(t, db, "INSERT INTO notes (body, score, done, at) VALUES (?, ?, ?, ?)", "walk", 1, false, "not a date")
	rows := mustQuery(t, db, "SELECT * FROM notes ORDER BY id")
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[0]
	if strings.Join(r.Keys(), ",") != "id,body,score,done,data,at,day,n" {
		t.Errorf("columns %v", r.Keys())
	}
	if get(r, "id") != int64(1) || get(r, "body") != "buy tea" || get(r, "score") != 2.5 || get(r, "done") != true || get(r, "n") != nil {
		t.Errorf("row 1: %#v", r)
	}
	if b, ok := get(r, "data").([]byte); !ok || string(b) != "AB" {
		t.Errorf("blob %#v", get(r, "data"))
	}
	if tm, ok := get(r, "at").(time.Time); !ok || !tm.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("datetime %#v", get(r, "at"))
	}
	if _, ok := get(r, "day").(time.Time); !ok {
		t.Errorf("date %#v", get(r, "day"))
	}
	r = rows[1]
	if get(r, "score") != 1.0 || get(r, "done") != false || get(r, "at") != "not a date" || get(r, "data") != nil {
		t.Errorf("row 2: %#v", r)
	}
	// A Bool bound into an untyped column reads back as an integer.
	if rows := mustQuery(t, db, "SELECT ? AS b, ? AS i, ? AS f, ? AS s, ? AS v", true, 7, 0.5, "x", nil); get(rows[0], "b") != int64(1) ||
		get(rows[0], "i") != int64(7) || get(rows[0], "f") != 0.5 || get(rows[0], "s") != "x" || get(rows[0], "v") != nil {
		t.Errorf("bound values %#v", rows[0])
	}
	if rows := mustQuery(t, db, "SELECT * FROM notes WHERE id = 99"); len(rows) != 0 {
		t.Errorf("no rows expected")
	}
	// Several statements: the rows of the last result set.
	if rows := mustQuery(t, db, "INSERT INTO other VALUES (?); SELECT x FROM other", 5); len(rows) != 1 || get(rows[0], "x") != int64(5) {
		t.Errorf("multi-statement query %#v", rows)
	}
}

// STD-62, STD-63, STD-69: error texts.
func TestSTD63Errors(t *testing.T) {
	db, _ := open(t)
	cases := []struct{ got, want string }{
		{Execute(db, "SELECT * FROM nope", nil).Err, "no such table: nope"},
		{Execute(db, "SELEC 1", nil).Err, `near "SELEC": syntax error`},
		{Execute(db, "SELECT ? + ?", vals(1)).Err, "not enough args to execute query: want 2 got 1"},
		{Query(db, "SELECT * FROM nope", nil).Err, "failed to execute query: no such table: nope"},
		{Query(db, "SELECT ?, ?", vals(1)).Err, "failed to execute query: not enough args to execute query: want 2 got 1"},
		{Execute(db, "SELECT ?", vals(struct{}{})).Err, "sql: converting argument $1 type: unsupported type struct {}"},
		{Connect(filepath.Join(t.TempDir(), "nodir", "x.db")).Err, "Failed to connect to database: unable to open database file: no such file or directory"},
		{Execute("not a db", "SELECT 1", nil).Err, "sql: not a database connection"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
	mustExec(t, db, "CREATE TABLE u (x INTEGER UNIQUE); INSERT INTO u VALUES (1)")
	if r := Query(db, "INSERT INTO u VALUES (1) RETURNING x", nil); r.Ok || r.Err != "row iteration error: UNIQUE constraint failed: u.x" {
		t.Errorf("step error %#v", r)
	}
	if r := Close(db); !r.Ok {
		t.Fatalf("close: %s", r.Err)
	}
	if r := Close(db); !r.Ok {
		t.Errorf("second close: %s", r.Err)
	}
	if r := Execute(db, "SELECT 1", nil); r.Err != "sql: database is closed" {
		t.Errorf("after close: %q", r.Err)
	}
	if r := Query(db, "SELECT 1", nil); r.Err != "failed to execute query: sql: database is closed" {
		t.Errorf("query after close: %q", r.Err)
	}
}

// ":memory:" works: one connection per database.
func TestMemoryDatabase(t *testing.T) {
	r := Connect(":memory:")
	if !r.Ok {
		t.Fatal(r.Err)
	}
	defer Close(r.Val)
	mustExec(t, r.Val, "CREATE TABLE t (x); INSERT INTO t VALUES (1), (2)")
	if rows := mustQuery(t, r.Val, "SELECT count(*) AS n FROM t"); get(rows[0], "n") != int64(2) {
		t.Errorf("%#v", rows)
	}
}

// Connections are safe for concurrent use.
func TestConcurrentUse(t *testing.T) {
	db, _ := open(t)
	mustExec(t, db, "CREATE TABLE c (x INTEGER)")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if r := Execute(db, "INSERT INTO c VALUES (?)", vals(i)); !r.Ok {
					t.Error(r.Err)
				}
			}
		}(i)
	}
	wg.Wait()
	if rows := mustQuery(t, db, "SELECT count(*) AS n FROM c"); get(rows[0], "n") != int64(80) {
		t.Errorf("%#v", rows)
	}
}
