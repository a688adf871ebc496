package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update for `go test ./... -update`
	"github.com/leadbridge/leadbridge/internal/leadgen"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunWritesTheGeneratorOutput(t *testing.T) {
	tests := []struct {
		vendor string
		gen    func(*bytes.Buffer) error
	}{
		{"pipedrive", func(b *bytes.Buffer) error { return leadgen.Pipedrive(b, 25, leadgen.Options{Seed: 9}) }},
		{"copper", func(b *bytes.Buffer) error { return leadgen.Copper(b, 25, leadgen.Options{Seed: 9}) }},
	}
	for _, tt := range tests {
		t.Run(tt.vendor, func(t *testing.T) {
			var want bytes.Buffer
			if err := tt.gen(&want); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runArgs("-vendor", tt.vendor, "-n", "25", "-seed", "9")
			if code != 0 || stderr != "" {
				t.Fatalf("run: exit %d, stderr %q", code, stderr)
			}
			if diff := cmp.Diff(want.String(), stdout); diff != "" {
				t.Errorf("stdout mismatch (-want +got):\n%s", diff)
			}

			file := filepath.Join(t.TempDir(), "leads.ndjson")
			code, stdout, stderr = runArgs("-vendor", tt.vendor, "-n", "25", "-seed", "9", "-o", file)
			if code != 0 || stdout != "" || stderr != "" {
				t.Fatalf("run -o: exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want.Bytes(), got) {
				t.Errorf("-o %s differs from the generator output", file)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	code, stdout, stderr := runArgs("-h")
	if code != 0 || stdout != "" {
		t.Fatalf("-h: exit %d, stdout %q", code, stdout)
	}
	for _, want := range []string{"usage: leadgen -vendor pipedrive|copper -n N -seed S [-o FILE]", "-vendor", "-n", "-seed", "-o file", "same bytes"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-h output lacks %q:\n%s", want, stderr)
		}
	}
}

func TestBadUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no vendor", []string{"-n", "3"}, 2, "-vendor is required"},
		{"unknown vendor", []string{"-vendor", "hubspot"}, 2, `unknown vendor "hubspot"`},
		{"negative n", []string{"-vendor", "copper", "-n", "-1"}, 2, "must not be negative"},
		{"bad seed", []string{"-vendor", "copper", "-seed", "x"}, 2, "invalid value"},
		{"extra argument", []string{"-vendor", "copper", "extra"}, 2, `unexpected argument "extra"`},
		{"unwritable file", []string{"-vendor", "copper", "-o", filepath.Join(t.TempDir(), "missing", "out.ndjson")}, 1, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runArgs(tt.args...)
			if code != tt.code || stdout != "" || !strings.Contains(stderr, tt.msg) {
				t.Errorf("run(%q) = exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, stdout, stderr, tt.code, tt.msg)
			}
		})
	}
}
