// Package golden owns the -update flag and compares output with golden
// files. Every test package of this module imports it (directly or through
// internal/testkit), so `go test ./... -update` is defined everywhere.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/ from current output")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path and prints a go-cmp diff
// when they differ. Under -update it writes got to path instead (creating
// the directory), and the test passes.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test -run '%s' -update)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s\nIf intended: go test -run '%s' -update; review git diff testdata/",
			path, diff, t.Name())
	}
}

// CheckJSON marshals v as indented JSON ending in a newline, without HTML
// escaping, and checks it against the golden file at path. It also checks
// idempotence: marshalling v a second time gives the same bytes.
func CheckJSON(t testing.TB, path string, v any) {
	t.Helper()
	got := MarshalIndent(t, v)
	if again := MarshalIndent(t, v); !bytes.Equal(got, again) {
		t.Errorf("%s: marshalling twice gave different bytes:\n%s", path, cmp.Diff(string(got), string(again)))
	}
	Check(t, path, got)
}

// MarshalIndent is the golden files' JSON: two-space indent, no HTML
// escaping, a final newline.
func MarshalIndent(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("marshal golden value: %v", err)
	}
	return buf.Bytes()
}
