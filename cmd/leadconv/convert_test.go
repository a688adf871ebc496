package main

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
)

var (
	pdDir   = filepath.Join("..", "..", "testdata", "pipedrive")
	cpDir   = filepath.Join("..", "..", "testdata", "copper")
	mapping = filepath.Join("..", "..", "testdata", "mapping.json")
)

func lines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// TestConvertSamples converts the bundled samples across vendors with the
// sample mapping and accounts: every record converts, one output line each.
func TestConvertSamples(t *testing.T) {
	real := &app{newConverter: newConverter}
	for _, tt := range []struct{ from, to, file string }{
		{"pipedrive", "copper", filepath.Join(pdDir, "leads.ndjson")},
		{"copper", "pipedrive", filepath.Join(cpDir, "leads.ndjson")},
		{"pipedrive", "canonical", filepath.Join(pdDir, "leads.ndjson")},
		{"copper", "canonical", filepath.Join(cpDir, "leads.ndjson")},
	} {
		t.Run(tt.from+"→"+tt.to, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "report.ndjson")
			r := runApp(t, real, nil, "convert", "--from", tt.from, "--to", tt.to, "--mapping", mapping,
				"--pipedrive-account", pdDir, "--copper-account", cpDir, "--report", report, "--progress", "never", tt.file)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			out := lines(r.stdout)
			if len(out) != 50 {
				t.Fatalf("%d output lines, want 50", len(out))
			}
			for i, l := range out {
				if !json.Valid([]byte(l)) || l[0] != '{' {
					t.Fatalf("line %d is not a JSON object: %s", i+1, l)
				}
			}
			if !strings.Contains(r.stderr, "50 read, 50 converted, 0 rejected") {
				t.Errorf("summary missing:\n%s", r.stderr)
			}
			if tt.to != "canonical" {
				rep, err := os.ReadFile(report)
				if err != nil || len(lines(string(rep))) == 0 {
					t.Errorf("cross-vendor report is empty (%v)", err)
				}
			}
		})
	}
}

// TestIdentity: --from X --to X reproduces every input record's JSON value.
func TestIdentity(t *testing.T) {
	real := &app{newConverter: newConverter}
	for _, tt := range []struct{ format, file string }{
		{"pipedrive", filepath.Join(pdDir, "leads.ndjson")},
		{"copper", filepath.Join(cpDir, "leads.ndjson")},
	} {
		for _, acct := range []bool{false, true} {
			name := tt.format
			args := []string{"convert", "--from", tt.format, "--to", tt.format, "--progress", "never", "--workers", "2"}
			if acct {
				name += " with accounts"
				args = append(args, "--mapping", mapping, "--pipedrive-account", pdDir, "--copper-account", cpDir)
			}
			t.Run(name, func(t *testing.T) {
				r := runApp(t, real, nil, append(args, tt.file)...)
				if r.code != exitOK {
					t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
				}
				in, err := os.ReadFile(tt.file)
				if err != nil {
					t.Fatal(err)
				}
				want, got := lines(string(in)), lines(r.stdout)
				if len(want) != len(got) {
					t.Fatalf("%d lines out, %d in", len(got), len(want))
				}
				for i := range want {
					if eq, err := jsonwire.Equal([]byte(want[i]), []byte(got[i])); err != nil || !eq {
						t.Errorf("line %d changed (%v):\nin:  %s\nout: %s", i+1, err, want[i], got[i])
					}
				}
			})
		}
	}
}

// TestCanonicalIdentity: pipedrive → canonical → canonical keeps each lead.
func TestCanonicalIdentity(t *testing.T) {
	real := &app{newConverter: newConverter}
	r := runApp(t, real, nil, "convert", "--from", "pipedrive", "--to", "canonical", "--progress", "never", filepath.Join(pdDir, "leads.ndjson"))
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	r2 := runApp(t, real, strings.NewReader(r.stdout), "convert", "--from", "canonical", "--to", "canonical", "--progress", "never")
	if r2.code != exitOK || r2.stdout != r.stdout {
		t.Errorf("canonical identity changed the leads (exit %d):\n%s", r2.code, r2.stderr)
	}
}

// TestCanonicalStrict: the canonical decoder rejects what encoding/json
// would let through.
func TestCanonicalStrict(t *testing.T) {
	real := &app{newConverter: newConverter}
	for _, tt := range []struct{ in, want string }{
		{`{"TITLE":"x"}`, "TITLE: unknown key; keys are case-sensitive: title"},
		{`{"title":"x","title":"y"}`, "title: duplicate key"},
		{`{"title":"x","nope":1}`, "nope: unknown key"},
		{`{"title":1}`, "title: want string"},
		{`{"title":"x","value":{"amount":"1","currency":"EUR"}}`, "value.amount: want number, got string"},
		{`{"description":"x"}`, "(root): one of title"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			r := runApp(t, real, strings.NewReader(tt.in), "validate", "--as", "canonical", "--progress", "never")
			if r.code != exitRejected || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr lacks %q:\n%s", r.code, tt.want, r.stderr)
			}
		})
	}
}

// TestConverterErrors: unreadable set-up is a usage error (exit 2).
func TestConverterErrors(t *testing.T) {
	real := &app{newConverter: newConverter}
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.json", `{"users":[{"pipedrive":1}],"bogus":true}`)
	badAcct := filepath.Join(dir, "acct")
	if err := os.MkdirAll(badAcct, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, badAcct, "dealFields.json", `{"success":true,"data":[{`)
	emptyAcct := filepath.Join(dir, "empty")
	if err := os.MkdirAll(emptyAcct, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"missing mapping", []string{"--mapping", filepath.Join(dir, "none.json")}, "reading the mapping"},
		{"bad mapping", []string{"--mapping", bad}, "bogus"},
		{"bad account", []string{"--pipedrive-account", badAcct}, "dealFields.json"},
		{"missing pipedrive account", []string{"--pipedrive-account", filepath.Join(dir, "nope")},
			"pipedrive account: " + filepath.Join(dir, "nope") + ": no such file or directory (looked for dealFields.json, leadLabels.json, currencies.json, persons.json, organizations.json, users.json)"},
		{"empty copper account", []string{"--copper-account", emptyAcct},
			"copper account: " + emptyAcct + ": holds none of the account exports (looked for custom_field_definitions.json, lead_statuses.json, account.json, people.json, companies.json, users.json)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"convert", "--from", "pipedrive", "--to", "copper", "--progress", "never"}, tt.args...)
			r := runApp(t, real, strings.NewReader(`{}`), args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr lacks %q:\n%s", r.code, tt.want, r.stderr)
			}
		})
	}
}

// TestPipedrivePlan checks --pipedrive-plan: without a plan, a visible_to
// code whose meaning depends on it is reported with the flag to give; with
// one, it is translated; an unknown plan is a usage error listing the
// known ones.
func TestPipedrivePlan(t *testing.T) {
	real := &app{newConverter: newConverter}
	in := `{"id":"083a1f0b-184d-1c3e-9cd0-9b2cff55a0cb","title":"t","visible_to":"3"}`
	for _, tt := range []struct {
		plan, want string
	}{
		{"", `"visibility"`},
		{"growth", `"visibility":"entire_company"`},
		{"Premium", `"visibility":"owner_group"`},
	} {
		t.Run("plan="+tt.plan, func(t *testing.T) {
			rep := filepath.Join(t.TempDir(), "report.ndjson")
			args := []string{"convert", "--from", "pipedrive", "--to", "canonical", "--report", rep}
			if tt.plan != "" {
				args = append(args, "--pipedrive-plan", tt.plan)
			}
			r := runApp(t, real, strings.NewReader(in), args...)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			b, _ := os.ReadFile(rep)
			if tt.plan == "" {
				if strings.Contains(r.stdout, tt.want) {
					t.Errorf("visibility guessed without a plan: %s", r.stdout)
				}
				if !strings.Contains(string(b), "the plan is unknown: give --pipedrive-plan, or visibility.plan in the mapping") {
					t.Errorf("report does not say how to give the plan: %s", b)
				}
				return
			}
			if !strings.Contains(r.stdout, tt.want) {
				t.Errorf("stdout lacks %s: %s", tt.want, r.stdout)
			}
		})
	}
	r := runApp(t, real, strings.NewReader(in), "validate", "--as", "pipedrive", "--pipedrive-plan", "gold")
	want := `invalid value "gold" for flag -pipedrive-plan: unknown Pipedrive plan "gold" (want one of light, growth, professional, essential, advanced, premium, ultimate, power, enterprise)`
	if r.code != exitUsage || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, want)
	}
}

// goFieldName matches a Go identifier path such as Translator.Plan.
var goFieldName = regexp.MustCompile(`\b(Translator|Converter|Setup|Config|Mapping|Directory)\.[A-Z]\w*`)

// TestMessagesSpeakFlags checks that no message the golden files pin
// (reports and errors of every package) names a Go field instead of a
// flag or a file.
func TestMessagesSpeakFlags(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden.json") {
			return err
		}
		n++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range goFieldName.FindAllString(string(b), -1) {
			t.Errorf("%s names the Go field %s", path, m)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walked %d golden files: %v", n, err)
	}
}
