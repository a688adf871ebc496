package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"testing/iotest"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		flags  []string // every flag, each documented on one line
	}{
		{"usage.golden", []string{"-h"}, nil},
		{"usage.golden", []string{"--help"}, nil},
		{"convert_usage.golden", []string{"convert", "-h"}, []string{
			"from", "to", "mapping", "rejects", "report", "workers", "strict", "redact", "progress", "max-record-bytes",
			"pipedrive-account", "pipedrive-plan", "copper-account",
		}},
		{"validate_usage.golden", []string{"validate", "--help"}, []string{
			"as", "rejects", "workers", "redact", "progress", "max-record-bytes",
			"pipedrive-account", "pipedrive-plan", "copper-account",
		}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runApp(t, &app{newConverter: newConverter}, nil, tt.args...)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", r.code, r.stderr)
			}
			checkGolden(t, tt.golden, r.stdout)
			for _, name := range tt.flags {
				re := regexp.MustCompile(`(?m)^  --` + regexp.QuoteMeta(name) + `( [A-Z]+)? +\S.*$`)
				if n := len(re.FindAllString(r.stdout, -1)); n != 1 {
					t.Errorf("flag --%s is documented on %d lines, want 1", name, n)
				}
			}
		})
	}
	// The top-level usage holds the contract's synopsis, word for word.
	r := runApp(t, &app{newConverter: newConverter}, nil, "-h")
	for _, s := range []string{convertSynopsis, validateSynopsis, formatLine} {
		if !strings.Contains(r.stdout, indent(s, "  ")) && !strings.Contains(r.stdout, s) {
			t.Errorf("usage lacks %q", s)
		}
	}
}

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.ndjson", "{\"title\":\"a\"}\n{\"title\":\"b\"}\n")
	mixed := writeFile(t, dir, "mixed.ndjson", "{\"title\":\"a\"}\n{\"title\":\"bad\"}\n")
	mapping := writeFile(t, dir, "mapping.json", "{}")
	tests := []struct {
		name   string
		args   []string
		want   int
		stderr string // a substring of stderr
	}{
		{"all converted", []string{"convert", "--from", "pipedrive", "--to", "copper", good}, exitOK, "2 read, 2 converted, 0 rejected"},
		{"some rejected", []string{"convert", "--from", "pipedrive", "--to", "copper", mixed}, exitRejected, "2 read, 1 converted, 1 rejected"},
		{"validate all valid", []string{"validate", "--as", "copper", good}, exitOK, "2 read, 2 valid, 0 rejected"},
		{"validate some rejected", []string{"validate", "--as", "copper", mixed}, exitRejected, "1 rejected"},
		{"with a mapping", []string{"convert", "--from", "pipedrive", "--to", "copper", "--mapping", mapping, good}, exitOK, "2 converted"},
		{"missing file", []string{"convert", "--from", "pipedrive", "--to", "copper", good, filepath.Join(dir, "nope.json")}, exitUsage, "nope.json"},
		{"directory as input", []string{"convert", "--from", "pipedrive", "--to", "copper", dir}, exitUsage, "is a directory"},
		{"bad flag", []string{"convert", "--from", "pipedrive", "--to", "copper", "--frobnicate", good}, exitUsage, "flag provided but not defined: -frobnicate"},
		{"unknown format", []string{"convert", "--from", "hubspot", "--to", "copper", good}, exitUsage, `unknown format "hubspot"`},
		{"validate unknown format", []string{"validate", "--as", "xml", good}, exitUsage, `unknown format "xml"`},
		{"missing --to", []string{"convert", "--from", "pipedrive", good}, exitUsage, "--from and --to are required"},
		{"missing --as", []string{"validate", good}, exitUsage, "--as is required"},
		{"no workers", []string{"convert", "--from", "pipedrive", "--to", "copper", "--workers", "0", good}, exitUsage, "--workers"},
		{"bad progress", []string{"convert", "--from", "pipedrive", "--to", "copper", "--progress", "sometimes", good}, exitUsage, "want auto, always or never"},
		{"bad size limit", []string{"convert", "--from", "pipedrive", "--to", "copper", "--max-record-bytes", "-1", good}, exitUsage, "--max-record-bytes"},
		{"unwritable report", []string{"convert", "--from", "pipedrive", "--to", "copper", "--report", filepath.Join(dir, "no", "such", "dir", "r.ndjson"), good}, exitUsage, "r.ndjson"},
		{"report is a directory", []string{"convert", "--from", "pipedrive", "--to", "copper", "--report", dir, good}, exitUsage, "is a directory"},
		{"unwritable rejects", []string{"convert", "--from", "pipedrive", "--to", "copper", "--rejects", filepath.Join(dir, "no", "x.ndjson"), good}, exitUsage, "x.ndjson"},
		{"same report and rejects", []string{"convert", "--from", "pipedrive", "--to", "copper", "--report", "x", "--rejects", "x", good}, exitUsage, "same file"},
		{"unreadable mapping", []string{"convert", "--from", "pipedrive", "--to", "copper", "--mapping", filepath.Join(dir, "missing.json"), good}, exitUsage, "mapping"},
		{"no command", nil, exitUsage, "usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runApp(t, fakeApp(fakeConv{}), nil, tt.args...)
			if r.code != tt.want {
				t.Errorf("exit status %d, want %d; stderr:\n%s", r.code, tt.want, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, r.stderr)
			}
			if tt.want == exitUsage && r.stdout != "" {
				t.Errorf("stdout after a usage error: %q", r.stdout)
			}
		})
	}
	noTemps(t, dir)
}

// TestArguments checks FILE handling: flags after FILEs, "--", "-" for
// standard input, and the order of several inputs.
func TestArguments(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.json", `{"title":"a"}`)
	b := writeFile(t, dir, "-b.json", `[{"title":"b"}]`)
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(`{"title":"stdin"}`),
		"convert", a, "--from", "copper", "-", "--to", "pipedrive", "--workers", "1", "--", b)
	want := "{\"in\":{\"title\":\"a\"}}\n{\"in\":{\"title\":\"stdin\"}}\n{\"in\":{\"title\":\"b\"}}\n"
	if r.code != exitOK || r.stdout != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", r.code, r.stdout, r.stderr, want)
	}
}

// TestReadError checks that an input that fails while it is read is an
// I/O error, status 2.
func TestReadError(t *testing.T) {
	boom := errors.New("device on fire")
	for _, workers := range []string{"1", "4"} {
		r := runApp(t, fakeApp(fakeConv{}), iotest.ErrReader(boom), "convert", "--from", "copper", "--to", "copper", "--workers", workers)
		if r.code != exitUsage || !strings.Contains(r.stderr, "reading <stdin>: device on fire") {
			t.Errorf("workers %s: exit %d, stderr %q", workers, r.code, r.stderr)
		}
	}
}

func TestGCTuning(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		percent int
		limit   int64
		ok      bool
	}{
		{env: nil, percent: -1, limit: 20 << 20, ok: true},
		{env: map[string]string{"GOGC": "100"}},
		{env: map[string]string{"GOMEMLIMIT": "1GiB"}},
		{env: map[string]string{"GOGC": "off", "GOMEMLIMIT": "64MiB"}},
	} {
		percent, limit, ok := gcTuning(func(k string) string { return tc.env[k] })
		if percent != tc.percent || limit != tc.limit || ok != tc.ok {
			t.Errorf("gcTuning(%v) = %d, %d, %v; want %d, %d, %v", tc.env, percent, limit, ok, tc.percent, tc.limit, tc.ok)
		}
	}
}

// TestBigRecordHook checks that the collector's defaults come back once,
// before the first record of over bigRecordBytes, in both pipelines.
func TestBigRecordHook(t *testing.T) {
	big := `{"title":"` + strings.Repeat("x", bigRecordBytes) + `"}`
	for _, workers := range []string{"1", "2"} {
		for _, tc := range []struct {
			in   string
			want int
		}{
			{in: "{\"title\":\"a\"}\n{\"title\":\"b\"}\n", want: 0},
			{in: "{\"title\":\"a\"}\n" + big + "\n" + big + "\n", want: 1},
		} {
			a := fakeApp(fakeConv{})
			calls := 0
			a.bigRecord = func() { calls++ }
			r := runApp(t, a, strings.NewReader(tc.in), "convert", "--from", "pipedrive", "--to", "copper",
				"--workers", workers, "--progress", "never")
			if r.code != exitOK {
				t.Fatalf("workers %s: exit %d, stderr:\n%s", workers, r.code, r.stderr)
			}
			if calls != tc.want {
				t.Errorf("workers %s, %d bytes in: bigRecord called %d times, want %d", workers, len(tc.in), calls, tc.want)
			}
		}
	}
}

// TestVersion checks --version: the module's version, or "(devel)" with
// the VCS revision of a build from a working tree.
func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Path: "github.com/leadbridge/leadbridge", Version: "v1.4.0"}}, true, "leadconv v1.4.0"},
		{"working tree", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "6d240d2f00"}, {Key: "vcs.time", Value: "2026-12-01T20:00:00Z"}, {Key: "vcs.modified", Value: "true"},
		}}, true, "leadconv (devel) 6d240d2f00 2026-12-01T20:00:00Z (modified)"},
		{"no vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "leadconv (devel)"},
		{"no build info", nil, false, "leadconv (unknown version: built without module information)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, arg := range []string{"--version", "-version", "version"} {
				a := &app{newConverter: newConverter, buildInfo: func() (*debug.BuildInfo, bool) { return tc.bi, tc.ok }}
				r := runApp(t, a, nil, arg)
				if r.code != exitOK || r.stdout != tc.want+"\n" || r.stderr != "" {
					t.Errorf("%s: exit %d, stdout %q, stderr %q; want 0 and %q", arg, r.code, r.stdout, r.stderr, tc.want)
				}
			}
		})
	}
	// The test binary's own build information.
	r := runApp(t, &app{newConverter: newConverter}, nil, "--version")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "leadconv ") {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
}

// TestReadmeSynopsis checks that the README's leadconv section quotes the
// synopsis of every command as the usage prints it.
func TestReadmeSynopsis(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "## leadconv: the migration CLI\n\n```\n")
	block, _, ok2 := strings.Cut(section, "```")
	if !ok || !ok2 {
		t.Fatal("README has no leadconv section with a synopsis block")
	}
	for _, c := range commands() {
		if !strings.Contains(block, c.synopsis+"\n") {
			t.Errorf("the README's synopsis lacks, word for word:\n%s", c.synopsis)
		}
	}
	for _, s := range []string{"leadconv --version\n", formatLine + "\n"} {
		if !strings.Contains(block, s) {
			t.Errorf("the README's synopsis lacks %q", s)
		}
	}
}
