package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/leadbridge/leadbridge/internal/golden"
)

// TestRun runs the program on the repository's corpus and compares what it
// prints with testdata/output.golden (go test ./example/quickstart -update
// rewrites it).
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, filepath.Join("..", "..", "testdata")); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "output.golden"), out.Bytes())
}
