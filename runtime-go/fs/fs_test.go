package ardfs

import (
	"os"
	"path/filepath"
	"testing"
)

func chdirTemp(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}

// STD-07..STD-13 in one walk through a temporary directory (relative paths
// are resolved against the working directory).
func TestSTD07to13FileLifecycle(t *testing.T) {
	chdirTemp(t)
	if Exists("a.txt") {
		t.Fatal("exists before create")
	}
	if r := CreateFile("a.txt"); !r.Ok || !r.Val {
		t.Fatalf("create: %#v", r)
	}
	if !Exists("a.txt") || !Exists(".") {
		t.Fatal("exists after create / for a directory")
	}
	if r := Write("a.txt", "hello"); !r.Ok {
		t.Fatalf("write: %#v", r)
	}
	if r := Append("a.txt", ", world\n"); !r.Ok {
		t.Fatalf("append: %#v", r)
	}
	if r := Read("a.txt"); !r.Ok || r.Val != "hello, world\n" {
		t.Fatalf("read: %#v", r)
	}
	// create_file truncates.
	if r := CreateFile("a.txt"); !r.Ok {
		t.Fatalf("create again: %#v", r)
	}
	if r := Read("a.txt"); !r.Ok || r.Val != "" {
		t.Fatalf("read after truncate: %#v", r)
	}
	// write creates a missing file with mode 0644 (before umask).
	if r := Write("b.txt", "\x00\xff raw"); !r.Ok {
		t.Fatalf("write new: %#v", r)
	}
	if r := Read("b.txt"); r.Val != "\x00\xff raw" {
		t.Fatalf("bytes changed: %q", r.Val)
	}
	if st, _ := os.Stat("b.txt"); st.Mode().Perm()&^0o644 != 0 {
		t.Fatalf("mode %v", st.Mode())
	}
	if r := Delete("a.txt"); !r.Ok || Exists("a.txt") {
		t.Fatalf("delete: %#v", r)
	}
}

func TestSTD13ErrorTexts(t *testing.T) {
	chdirTemp(t)
	os.Mkdir("d", 0o755)
	os.WriteFile(filepath.Join("d", "f"), []byte("x"), 0o644)
	cases := []struct {
		name string
		err  string
		got  string
	}{
		{"create in missing dir", "open nodir/x.txt: no such file or directory", CreateFile("nodir/x.txt").Err},
		{"write in missing dir", "open nodir/x.txt: no such file or directory", Write("nodir/x.txt", "x").Err},
		{"append missing", "open nope.txt: no such file or directory", Append("nope.txt", "x").Err},
		{"read missing", "open nope.txt: no such file or directory", Read("nope.txt").Err},
		{"read dir", "read d: is a directory", Read("d").Err},
		{"delete missing", "remove nope.txt: no such file or directory", Delete("nope.txt").Err},
		{"delete non-empty dir", "remove d: directory not empty", Delete("d").Err},
	}
	for _, c := range cases {
		if c.got != c.err {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.err)
		}
	}
	if Exists("nope.txt") {
		t.Error("append created a file")
	}
	os.Remove(filepath.Join("d", "f"))
	if r := Delete("d"); !r.Ok {
		t.Errorf("delete empty dir: %#v", r)
	}
}
