package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenDir copies the inputs of testdata/leadtest/pipedrive_to_copper
// into a temporary folder, with a copy of the mapping, and returns both.
func goldenDir(t *testing.T) (dir, mapping string) {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "leadtest", "pipedrive_to_copper")
	dir = t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".golden.json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, e.Name(), string(b))
	}
	m, err := os.ReadFile(filepath.Join("..", "..", "testdata", "mapping.json"))
	if err != nil {
		t.Fatal(err)
	}
	return dir, writeFile(t, t.TempDir(), "mapping.json", string(m))
}

func TestGoldenCommand(t *testing.T) {
	dir, mapping := goldenDir(t)
	acct := func(name string) string { return filepath.Join("..", "..", "testdata", name) }
	args := []string{"golden", "--from", "pipedrive", "--to", "copper", "--mapping", mapping,
		"--pipedrive-account", acct("pipedrive"), "--copper-account", acct("copper")}
	a := &app{newConverter: newConverter}

	// No goldens yet: 1, naming the missing files.
	r := runApp(t, a, nil, append(args, dir)...)
	if r.code != exitRejected || !strings.Contains(r.stdout, "no golden file generated.golden.json (6 records to write)") ||
		!strings.Contains(r.stderr, "rerun with --update") {
		t.Fatalf("missing goldens: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}

	// --update writes them: 0, nothing on stdout.
	r = runApp(t, a, nil, append(args, "--update", dir)...)
	if r.code != exitOK || r.stdout != "" || !strings.Contains(r.stderr, "wrote handpicked.golden.json (4 records)") {
		t.Fatalf("--update: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	written, err := os.ReadFile(filepath.Join(dir, "generated.golden.json"))
	if err != nil {
		t.Fatal(err)
	}

	// Unchanged: 0. DIR may come before the flags.
	r = runApp(t, a, nil, append([]string{"golden", dir}, args[1:]...)...)
	if r.code != exitOK || r.stdout != "" || !strings.Contains(r.stderr, "2 files, 10 records, 0 failed") {
		t.Fatalf("unchanged: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}

	// One mapping entry changed: 1, with the diff on stdout.
	m, err := os.ReadFile(mapping)
	if err != nil {
		t.Fatal(err)
	}
	m = bytes.Replace(m, []byte(`"pipedrive": 11208433, "copper": 814201`), []byte(`"pipedrive": 11208433, "copper": 814299`), 1)
	if err := os.WriteFile(mapping, m, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runApp(t, a, nil, append(args, dir)...)
	if r.code != exitRejected {
		t.Fatalf("changed mapping: exit %d, want 1\nstderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"differs from generated.golden.json in 1 record of 6", "record 4 (line 4) (-want +got):", `"assignee_id"`, "814201", "814299"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "generated.golden.json")); !bytes.Equal(got, written) {
		t.Error("a failing check changed the golden file")
	}
	r = runApp(t, a, nil, append(args, "--update", dir)...)
	if r.code != exitOK || !strings.Contains(r.stderr, "wrote generated.golden.json") || strings.Contains(r.stderr, "handpicked") {
		t.Errorf("second --update: exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	if r = runApp(t, a, nil, append(args, dir)...); r.code != exitOK {
		t.Errorf("after the update: exit %d\nstdout:\n%s", r.code, r.stdout)
	}
}

func TestGoldenUsageErrors(t *testing.T) {
	dir, _ := goldenDir(t)
	base := []string{"golden", "--from", "pipedrive", "--to", "copper"}
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no dir", base, "want one DIR"},
		{"two dirs", append(base, dir, dir), "want one DIR"},
		{"missing --to", []string{"golden", "--from", "pipedrive", dir}, "--from and --to are required"},
		{"unknown format", []string{"golden", "--from", "hubspot", "--to", "copper", dir}, `unknown format "hubspot"`},
		{"bad flag", append(base, "--workers", "2", dir), "flag provided but not defined: -workers"},
		{"missing dir", append(base, filepath.Join(dir, "none")), "none"},
		{"empty dir", append(base, t.TempDir()), "no inputs"},
		{"unreadable mapping", append(base, "--mapping", filepath.Join(dir, "none.json"), dir), "none.json"},
		{"bad mapping", append(base, "--mapping", writeFile(t, t.TempDir(), "m.json", "{"), dir), "mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runApp(t, &app{newConverter: newConverter}, nil, tt.args...)
			if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, want 2; stdout %q; stderr lacks %q:\n%s", r.code, r.stdout, tt.stderr, r.stderr)
			}
		})
	}
	if g, _ := filepath.Glob(filepath.Join(dir, "*.golden.json")); len(g) != 0 {
		t.Errorf("usage errors wrote %v", g)
	}
}

func TestGoldenUsage(t *testing.T) {
	for _, args := range [][]string{{"golden", "-h"}, {"golden", "--from", "x", "--help"}} {
		r := runApp(t, &app{newConverter: newConverter}, nil, args...)
		if r.code != exitOK || r.stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		checkGolden(t, "golden_usage.golden", r.stdout)
		if strings.Contains(r.stdout, exitAbout) {
			t.Error("golden -h shows the exit statuses of convert")
		}
	}
	if r := runApp(t, &app{newConverter: newConverter}, nil, "-h"); !strings.Contains(r.stdout, indent(goldenSynopsis, "  ")) {
		t.Errorf("the top-level usage lacks golden's synopsis:\n%s", r.stdout)
	}
}
