package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Errorf(format string, args ...any) { r.failed = true; r.msg = format }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = true; r.msg = format }
func (r *recorder) Helper()                           {}

func TestCheck(t *testing.T) {
	if Updating() {
		t.Skip("compares fixed files")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.golden.json")
	if err := os.WriteFile(path, []byte("{\n  \"a\": 1\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		v        any
		wantFail bool
	}{
		{"equal", path, map[string]int{"a": 1}, false},
		{"different", path, map[string]int{"a": 2}, true},
		{"missing file", filepath.Join(dir, "none.json"), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			CheckJSON(r, tt.path, tt.v)
			if r.failed != tt.wantFail {
				t.Errorf("failed = %v, want %v (%s)", r.failed, tt.wantFail, r.msg)
			}
		})
	}
}

func TestMarshalIndentNoHTMLEscape(t *testing.T) {
	got := string(MarshalIndent(t, map[string]string{"k": "<a&b>"}))
	if want := "{\n  \"k\": \"<a&b>\"\n}\n"; got != want {
		t.Errorf("MarshalIndent = %q, want %q", got, want)
	}
}
