//go:build cgo

// Package ardsqlite implements the Go side of ard/sqlite (stdlib.md §16)
// with a small cgo binding to the system SQLite library (libsqlite3).
//
// Each Database owns one SQLite connection (opened with
// SQLITE_OPEN_FULLMUTEX and a 5 s busy timeout), used under a mutex, so
// ":memory:" databases work and fibers may share nothing but files.
// Error texts follow the reference's driver (mattn/go-sqlite3 under
// database/sql).
package ardsqlite

/*
#cgo LDFLAGS: -lsqlite3
#include <sqlite3.h>
#include <stdlib.h>

static int ard_bind_text(sqlite3_stmt *s, int i, const char *p, int n) {
	return sqlite3_bind_text(s, i, p, n, SQLITE_TRANSIENT);
}

static int ard_bind_blob(sqlite3_stmt *s, int i, const void *p, int n) {
	return sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT);
}
*/
import "C"

import (
	"fmt"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"ard2go.dev/rt"
	arddynamic "ard2go.dev/rt/dynamic"
)

type void = struct{}

// conn is the Dynamic handle held by sqlite::Database.conn.
type conn struct {
	mu sync.Mutex
	db *C.sqlite3
}

// ArdOpaque marks the handle as internal (json::encode writes null).
func (*conn) ArdOpaque() {}

type sqliteError struct{ msg string }

func (e *sqliteError) Error() string { return e.msg }

// lastError is the driver's error text: sqlite3_errmsg, plus the OS error
// for failures to open or read files.
func lastError(db *C.sqlite3) error {
	rc := C.sqlite3_errcode(db)
	msg := C.GoString(C.sqlite3_errmsg(db))
	ext := C.sqlite3_extended_errcode(db)
	if rc == C.SQLITE_CANTOPEN || (rc == C.SQLITE_IOERR && ext != C.SQLITE_IOERR_NOMEM) {
		if errno := syscall.Errno(C.sqlite3_system_errno(db)); errno != 0 {
			msg += ": " + errno.Error()
		}
	}
	return &sqliteError{msg}
}

// Connect opens (creating if missing) a database file (binding
// "sqlite.Connect"; STD-61).
func Connect(path string) rt.Result[any, string] {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var db *C.sqlite3
	flags := C.SQLITE_OPEN_READWRITE | C.SQLITE_OPEN_CREATE | C.SQLITE_OPEN_FULLMUTEX | C.SQLITE_OPEN_URI
	if rc := C.sqlite3_open_v2(cpath, &db, C.int(flags), nil); rc != C.SQLITE_OK {
		msg := C.GoString(C.sqlite3_errstr(rc))
		if db != nil {
			msg = lastError(db).Error()
			C.sqlite3_close_v2(db)
		}
		return rt.Err[any]("Failed to connect to database: " + msg)
	}
	C.sqlite3_busy_timeout(db, 5000)
	// Like database/sql's Ping: make sure the file is really usable.
	c := &conn{db: db}
	if err := c.execAll("SELECT 1", nil); err != nil {
		C.sqlite3_close_v2(db)
		return rt.Err[any]("Failed to connect to database: " + err.Error())
	}
	return rt.Ok[any, string](c)
}

func handle(v any) (*conn, error) {
	c, ok := v.(*conn)
	if !ok {
		return nil, &sqliteError{"sql: not a database connection"}
	}
	if c.db == nil {
		return nil, &sqliteError{"sql: database is closed"}
	}
	return c, nil
}

// Close closes the connection (STD-62); closing twice is fine.
func Close(v any) rt.Result[void, string] {
	c, ok := v.(*conn)
	if !ok {
		return rt.Err[void]("sql: not a database connection")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return rt.Ok[void, string](void{})
	}
	if rc := C.sqlite3_close_v2(c.db); rc != C.SQLITE_OK {
		return rt.Err[void](lastError(c.db).Error())
	}
	c.db = nil
	return rt.Ok[void, string](void{})
}

// Execute runs every statement of sql, binding values in order (binding
// "sqlite.Execute"; STD-63, STD-68).
func Execute(v any, sql string, values *rt.List[any]) rt.Result[void, string] {
	c, err := handle(v)
	if err != nil {
		return rt.Err[void](err.Error())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return rt.Err[void]("sql: database is closed")
	}
	if err := c.execAll(sql, items(values)); err != nil {
		return rt.Err[void](err.Error())
	}
	return rt.Ok[void, string](void{})
}

// Query runs sql and returns the rows of its (last) result set as
// Dynamic objects (binding "sqlite.Query"; STD-69, STD-72).
func Query(v any, sql string, values *rt.List[any]) rt.Result[*rt.List[any], string] {
	c, err := handle(v)
	if err != nil {
		return rt.Err[*rt.List[any]]("failed to execute query: " + err.Error())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db == nil {
		return rt.Err[*rt.List[any]]("failed to execute query: sql: database is closed")
	}
	rows, err := c.queryAll(sql, items(values))
	if err != nil {
		return rt.Err[*rt.List[any]](err.Error())
	}
	return rt.Ok[*rt.List[any], string](rt.NewList(rows...))
}

func items(l *rt.List[any]) []any {
	if l == nil {
		return nil
	}
	return l.Items
}

// statements runs fn on each statement of sql in turn, with the next
// parameters bound; an error stops the walk. total selects how the "not
// enough args" error counts the arguments (all of them, like the driver's
// Exec, or the ones left, like its Query).
func (c *conn) statements(sql string, args []any, total bool, fn func(*C.sqlite3_stmt) error) error {
	csql := C.CString(sql)
	defer C.free(unsafe.Pointer(csql))
	rest := csql
	start := 0
	for {
		var stmt *C.sqlite3_stmt
		var tail *C.char
		if rc := C.sqlite3_prepare_v2(c.db, rest, -1, &stmt, &tail); rc != C.SQLITE_OK {
			return lastError(c.db)
		}
		if stmt != nil {
			err := c.bindAndRun(stmt, args, &start, total, fn)
			C.sqlite3_finalize(stmt)
			if err != nil {
				return err
			}
		}
		if tail == nil || strings.TrimSpace(C.GoString(tail)) == "" {
			return nil
		}
		rest = tail
	}
}

func (c *conn) bindAndRun(stmt *C.sqlite3_stmt, args []any, start *int, total bool, fn func(*C.sqlite3_stmt) error) error {
	na := int(C.sqlite3_bind_parameter_count(stmt))
	if len(args)-*start < na {
		got := len(args) - *start
		if total {
			got = len(args)
		}
		return fmt.Errorf("not enough args to execute query: want %d got %d", na, got)
	}
	for i := 0; i < na; i++ {
		if err := c.bind(stmt, i+1, args[*start+i]); err != nil {
			return err
		}
	}
	*start += na
	return fn(stmt)
}

// bind binds one Dynamic value: Str → TEXT, Int → INTEGER, Float → REAL,
// Bool → 1/0, Void → NULL (STD-72).
func (c *conn) bind(stmt *C.sqlite3_stmt, i int, v any) error {
	var rc C.int
	switch x := v.(type) {
	case nil:
		rc = C.sqlite3_bind_null(stmt, C.int(i))
	case string:
		cs := C.CString(x)
		rc = C.ard_bind_text(stmt, C.int(i), cs, C.int(len(x)))
		C.free(unsafe.Pointer(cs))
	case int:
		rc = C.sqlite3_bind_int64(stmt, C.int(i), C.sqlite3_int64(x))
	case int64:
		rc = C.sqlite3_bind_int64(stmt, C.int(i), C.sqlite3_int64(x))
	case float64:
		rc = C.sqlite3_bind_double(stmt, C.int(i), C.double(x))
	case bool:
		n := 0
		if x {
			n = 1
		}
		rc = C.sqlite3_bind_int64(stmt, C.int(i), C.sqlite3_int64(n))
	case []byte:
		var p unsafe.Pointer
		if len(x) > 0 {
			p = C.CBytes(x)
			defer C.free(p)
		}
		rc = C.ard_bind_blob(stmt, C.int(i), p, C.int(len(x)))
	case time.Time:
		return c.bind(stmt, i, x.Format("2006-01-02 15:04:05.999999999-07:00"))
	default:
		return fmt.Errorf("sql: converting argument $%d type: unsupported type %T", i, v)
	}
	if rc != C.SQLITE_OK {
		return lastError(c.db)
	}
	return nil
}

// execAll steps every statement to completion, ignoring rows.
func (c *conn) execAll(sql string, args []any) error {
	return c.statements(sql, args, true, func(stmt *C.sqlite3_stmt) error {
		for {
			switch rc := C.sqlite3_step(stmt); rc {
			case C.SQLITE_ROW:
				continue
			case C.SQLITE_DONE:
				return nil
			default:
				return lastError(c.db)
			}
		}
	})
}

type stepError struct{ err error }

func (e *stepError) Error() string { return "row iteration error: " + e.err.Error() }

// queryAll runs every statement and keeps the rows of the last one that
// returns columns.
func (c *conn) queryAll(sql string, args []any) ([]any, error) {
	rows := []any{}
	err := c.statements(sql, args, false, func(stmt *C.sqlite3_stmt) error {
		ncol := int(C.sqlite3_column_count(stmt))
		var current []any
		for {
			rc := C.sqlite3_step(stmt)
			if rc == C.SQLITE_DONE {
				break
			}
			if rc != C.SQLITE_ROW {
				return &stepError{lastError(c.db)}
			}
			current = append(current, readRow(stmt, ncol))
		}
		if ncol > 0 {
			rows = current
			if rows == nil {
				rows = []any{}
			}
		}
		return nil
	})
	if err != nil {
		if _, ok := err.(*stepError); ok {
			return nil, err
		}
		return nil, fmt.Errorf("failed to execute query: %w", err)
	}
	return rows, nil
}

// SQLiteTimestampFormats are the layouts tried for DATE, DATETIME and
// TIMESTAMP columns holding text (as in mattn/go-sqlite3).
var timestampFormats = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

func isTimeColumn(decl string) bool {
	return decl == "date" || decl == "datetime" || decl == "timestamp"
}

// readRow converts the current row: INTEGER → int64 (bool for BOOLEAN
// columns, time.Time for date columns), REAL → float64, TEXT → string
// (time.Time for parsable text in date columns), BLOB → []byte, NULL → nil.
func readRow(stmt *C.sqlite3_stmt, ncol int) any {
	row := arddynamic.NewObject(ncol)
	for i := 0; i < ncol; i++ {
		ci := C.int(i)
		name := C.GoString(C.sqlite3_column_name(stmt, ci))
		decl := ""
		if d := C.sqlite3_column_decltype(stmt, ci); d != nil {
			decl = strings.ToLower(C.GoString(d))
		}
		var val any
		switch C.sqlite3_column_type(stmt, ci) {
		case C.SQLITE_INTEGER:
			n := int64(C.sqlite3_column_int64(stmt, ci))
			switch {
			case isTimeColumn(decl):
				if n > 1e12 || n < -1e12 {
					val = time.Unix(0, n*int64(time.Millisecond)).UTC()
				} else {
					val = time.Unix(n, 0).UTC()
				}
			case decl == "boolean":
				val = n > 0
			default:
				val = n
			}
		case C.SQLITE_FLOAT:
			val = float64(C.sqlite3_column_double(stmt, ci))
		case C.SQLITE_BLOB:
			n := int(C.sqlite3_column_bytes(stmt, ci))
			p := C.sqlite3_column_blob(stmt, ci)
			if n == 0 || p == nil {
				val = []byte{}
			} else {
				val = C.GoBytes(p, C.int(n))
			}
		case C.SQLITE_NULL:
			val = nil
		default: // TEXT
			n := int(C.sqlite3_column_bytes(stmt, ci))
			s := C.GoStringN((*C.char)(unsafe.Pointer(C.sqlite3_column_text(stmt, ci))), C.int(n))
			val = s
			if isTimeColumn(decl) {
				trimmed := strings.TrimSuffix(s, "Z")
				for _, layout := range timestampFormats {
					if t, err := time.ParseInLocation(layout, trimmed, time.UTC); err == nil {
						val = t
						break
					}
				}
			}
		}
		row.Set(name, val)
	}
	return row
}
