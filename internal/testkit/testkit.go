// Package testkit holds what this module's tests share: go-cmp options for
// the canonical types, file helpers and error formatting for golden files.
// Importing it defines the -update flag (through package golden).
package testkit

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/lead"
)

// Update reports whether tests run with -update.
func Update() bool { return golden.Updating() }

// CmpOptions compare canonical Leads: empty and nil slices and maps are
// equal, and json.RawMessage values compare as JSON values. Decimals compare
// with their Equal method, so 1.5 equals 1.50: scale changes show only in
// golden files.
func CmpOptions() []cmp.Option {
	return []cmp.Option{
		cmp.FilterPath(func(p cmp.Path) bool { return p.Last().Type() != rawType }, cmpopts.EquateEmpty()),
		cmp.Comparer(func(a, b json.RawMessage) bool { return JSONEqual(a, b) }),
	}
}

var rawType = reflect.TypeFor[json.RawMessage]()

// JSONEqual reports whether a and b hold the same JSON value (numbers by
// their text after decoding with UseNumber, so exact).
func JSONEqual(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	va, errA := decodeAny(a)
	vb, errB := decodeAny(b)
	if errA != nil || errB != nil {
		return string(a) == string(b)
	}
	return cmp.Equal(va, vb)
}

func decodeAny(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// MustRead returns the contents of path or fails the test.
func MustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ErrorLines turns an error into the lines a golden file holds: one
// "path: rule" line per FieldError (sorted as the list is), or the error
// text. It returns nil for a nil error.
func ErrorLines(err error) []string {
	if err == nil {
		return nil
	}
	var list lead.ErrorList
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Error()
		}
		return out
	}
	return []string{err.Error()}
}
