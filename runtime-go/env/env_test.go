package ardenv

import "testing"

func TestSTD14Get(t *testing.T) {
	t.Setenv("ARD_ENV_TEST_SET", "value")
	t.Setenv("ARD_ENV_TEST_EMPTY", "")
	if m := Get("ARD_ENV_TEST_SET"); !m.Ok || m.Val != "value" {
		t.Fatalf("set: %#v", m)
	}
	if m := Get("ARD_ENV_TEST_EMPTY"); !m.Ok || m.Val != "" {
		t.Fatalf("empty: %#v", m)
	}
	if m := Get("ARD_ENV_TEST_SURELY_UNSET_42"); m.Ok {
		t.Fatalf("unset: %#v", m)
	}
}
