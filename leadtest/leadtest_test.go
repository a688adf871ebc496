package leadtest_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/leadtest"
)

// recorder is a testing.TB that records failures and logs instead of
// failing.
type recorder struct {
	testing.TB
	errors, fatals, logs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}
func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper()      {}
func (r *recorder) failed() bool { return len(r.errors)+len(r.fatals) > 0 }
func (r *recorder) text() string {
	return strings.Join(append(append([]string{}, r.fatals...), r.errors...), "\n---\n")
}

// run runs leadtest.Run with a recorder.
func run(t *testing.T, c leadtest.Config) (*recorder, leadtest.Result) {
	t.Helper()
	r := &recorder{TB: t}
	res := leadtest.Run(r, c)
	return r, res
}

const (
	sampleDir = "../testdata/leadtest/pipedrive_to_copper"
	// mappedUser is a user pair of testdata/mapping.json that a lead of
	// sampleDir uses: Pipedrive user 11208433 is Copper user 814201.
	mappedUser = `"pipedrive": 11208433, "copper": 814201`
)

// setup copies the inputs of sampleDir and testdata/mapping.json into a
// temporary folder and returns a Config for them, without goldens.
func setup(t *testing.T) leadtest.Config {
	t.Helper()
	if _, err := os.Stat("../testdata/mapping.json"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	entries, err := os.ReadDir(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), leadtest.GoldenSuffix) {
			continue
		}
		copyFile(t, filepath.Join(sampleDir, e.Name()), filepath.Join(dir, e.Name()))
		n++
	}
	if n == 0 {
		t.Fatalf("no inputs in %s", sampleDir)
	}
	mapping := filepath.Join(t.TempDir(), "mapping.json")
	copyFile(t, "../testdata/mapping.json", mapping)
	t.Setenv(leadtest.UpdateEnv, "")
	return leadtest.Config{From: "pipedrive", To: "copper", Dir: dir, Mapping: mapping,
		PipedriveAccount: "../testdata/pipedrive", CopperAccount: "../testdata/copper"}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readGoldens returns the golden files of dir by name.
func readGoldens(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"+leadtest.GoldenSuffix))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func statuses(res leadtest.Result) string {
	var s []string
	for _, f := range res.Files {
		s = append(s, f.Status.String())
	}
	return strings.Join(s, " ")
}

func TestUpdateThenPass(t *testing.T) {
	c := setup(t)
	c.Update = true
	r, res := run(t, c)
	if r.failed() {
		t.Fatalf("update run failed:\n%s", r.text())
	}
	if got, want := statuses(res), "written written"; got != want {
		t.Errorf("statuses after the first update: %s, want %s", got, want)
	}
	if len(r.logs) != 2 || !strings.Contains(r.logs[0], "wrote generated.golden.json (6 records)") {
		t.Errorf("logs of the update run: %q", r.logs)
	}
	goldens := readGoldens(t, c.Dir)
	if len(goldens) != 2 {
		t.Fatalf("goldens written: %d, want 2", len(goldens))
	}
	for name, b := range goldens {
		if !bytes.HasSuffix(b, []byte("}\n")) || !bytes.HasPrefix(b, []byte("{\n  \"from\": \"pipedrive\",\n  \"to\": \"copper\",\n  \"records\": [\n")) {
			t.Errorf("%s does not have the golden layout:\n%.200s", name, b)
		}
	}

	c.Update = false
	r, res = run(t, c)
	if r.failed() {
		t.Fatalf("second run failed:\n%s", r.text())
	}
	if got, want := statuses(res), "match match"; got != want {
		t.Errorf("statuses: %s, want %s", got, want)
	}
	if !res.OK() || res.Records() != 10 {
		t.Errorf("OK = %v, Records = %d; want true, 10", res.OK(), res.Records())
	}
}

func TestMappingChangeFails(t *testing.T) {
	c := setup(t)
	c.Update = true
	if r, _ := run(t, c); r.failed() {
		t.Fatalf("update run failed:\n%s", r.text())
	}
	before := readGoldens(t, c.Dir)

	m, err := os.ReadFile(c.Mapping)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(m, []byte(mappedUser)) {
		t.Fatalf("testdata/mapping.json lacks %s", mappedUser)
	}
	m = bytes.Replace(m, []byte(mappedUser), []byte(`"pipedrive": 11208433, "copper": 814299`), 1)
	if err := os.WriteFile(c.Mapping, m, 0o644); err != nil {
		t.Fatal(err)
	}

	c.Update = false
	r, res := run(t, c)
	if len(r.errors) != 1 || len(r.fatals) != 0 {
		t.Fatalf("want one error (one file changed), got %d errors, %d fatals:\n%s", len(r.errors), len(r.fatals), r.text())
	}
	msg := r.errors[0]
	for _, want := range []string{
		"generated.ndjson: differs from generated.golden.json in 1 record of 6",
		"record 4 (line 4) (-want +got):",
		`"assignee_id"`, "814201", "814299",
		"LEADTEST_UPDATE=1 go test -run '" + t.Name() + "'",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	// Only the changed field is in the diff: the rest of the record is
	// elided by go-cmp.
	if n := len(regexp.MustCompile(`(?m)^\s*[-+]`).FindAllString(msg, -1)); n != 2 {
		t.Errorf("the diff has %d changed lines, want 2:\n%s", n, msg)
	}
	if res.OK() || statuses(res) != "differ match" {
		t.Errorf("statuses %s, OK %v", statuses(res), res.OK())
	}
	if d := res.Files[0].Diffs; len(d) != 1 || d[0].Record != 4 || d[0].Line != 4 {
		t.Errorf("diffs: %+v", d)
	}
	if after := readGoldens(t, c.Dir); !bytes.Equal(before["generated.golden.json"], after["generated.golden.json"]) {
		t.Error("a failing check changed the golden file")
	}

	// Updating accepts the change, through the environment variable.
	t.Setenv(leadtest.UpdateEnv, "1")
	if r, res := run(t, c); r.failed() || statuses(res) != "written match" {
		t.Fatalf("update: statuses %s\n%s", statuses(res), r.text())
	}
	t.Setenv(leadtest.UpdateEnv, "")
	if r, _ := run(t, c); r.failed() {
		t.Fatalf("after the update:\n%s", r.text())
	}
	after := readGoldens(t, c.Dir)["generated.golden.json"]
	if !bytes.Contains(after, []byte(`"assignee_id": 814299`)) {
		t.Error("the updated golden file lacks the new assignee")
	}
}

func TestMissingGolden(t *testing.T) {
	c := setup(t)
	r, res := run(t, c)
	if len(r.errors) != 2 {
		t.Fatalf("want 2 errors (two inputs without goldens), got:\n%s", r.text())
	}
	for _, want := range []string{"no golden file generated.golden.json (6 records to write)", "LEADTEST_UPDATE=1 go test -run", "leadtest.Config.Update"} {
		if !strings.Contains(r.errors[0], want) {
			t.Errorf("the message lacks %q:\n%s", want, r.errors[0])
		}
	}
	if statuses(res) != "missing missing" || res.OK() {
		t.Errorf("statuses %s", statuses(res))
	}
	if g := readGoldens(t, c.Dir); len(g) != 0 {
		t.Errorf("a check without update wrote %d files", len(g))
	}
}

func TestDeterministic(t *testing.T) {
	c1, c2 := setup(t), setup(t)
	c1.Update, c2.Update = true, true
	for _, c := range []leadtest.Config{c1, c2} {
		if r, _ := run(t, c); r.failed() {
			t.Fatal(r.text())
		}
	}
	g1, g2 := readGoldens(t, c1.Dir), readGoldens(t, c2.Dir)
	if len(g1) != 2 {
		t.Fatalf("%d goldens", len(g1))
	}
	for name, b := range g1 {
		if !bytes.Equal(b, g2[name]) {
			t.Errorf("%s differs between two update runs", name)
		}
		if bytes.Contains(b, []byte(c1.Dir)) || bytes.Contains(b, []byte(os.TempDir())) {
			t.Errorf("%s holds a path of the run", name)
		}
	}
	// A second update run of the same folder finds nothing to write.
	r, res := run(t, c1)
	if r.failed() || statuses(res) != "match match" || len(r.logs) != 0 {
		t.Errorf("second update: statuses %s, logs %q", statuses(res), r.logs)
	}
}

func TestInputShapes(t *testing.T) {
	dir := t.TempDir()
	lead := func(id, title string) string {
		return `{"id":"3f6c1b2` + id + `-6a2e-11ee-9d41-3b7c5e2a9f10","title":"` + title + `","owner_id":1,"value":{"amount":10.50,"currency":"EUR"}}`
	}
	files := map[string]string{
		"object.json":   lead("a", "one"),
		"array.json":    "[" + lead("b", "two") + ",\n" + lead("c", "three") + "]",
		"envelope.json": `{"success":true,"data":[` + lead("d", "four") + `]}`,
		"lines.ndjson":  lead("e", "five") + "\n{\"title\": broken\n" + `{"title":"","value":{"amount":1,"currency":"EURO"}}` + "\n",
		"notes.txt":     "not an input",
		"mapping.json":  `{"users": [{"pipedrive": 1, "copper": 2}]}`,
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(leadtest.UpdateEnv, "")
	c := leadtest.Config{From: "pipedrive", To: "copper", Dir: dir, Mapping: filepath.Join(dir, "mapping.json"), Update: true}
	if r, res := run(t, c); r.failed() || res.Records() != 7 || len(res.Files) != 4 {
		t.Fatalf("records %d, files %d:\n%s", res.Records(), len(res.Files), r.text())
	}
	g := readGoldens(t, dir)
	if len(g) != 4 {
		t.Fatalf("goldens: %d, want 4 (the mapping is not an input)", len(g))
	}
	lines := string(g["lines.golden.json"])
	for _, want := range []string{`"assignee_id": 2`, `"monetary_value": 10.50`, `"line": 2,`, `"errors": [`, "malformed JSON", `"line": 3,`} {
		if !strings.Contains(lines, want) {
			t.Errorf("lines.golden.json lacks %q:\n%s", want, lines)
		}
	}
	if s := string(g["envelope.golden.json"]); !strings.Contains(s, `"name": "four"`) {
		t.Errorf("envelope.golden.json:\n%s", s)
	}

	// A record gone from an input is shown as such.
	if err := os.WriteFile(filepath.Join(dir, "array.json"), []byte("["+lead("b", "two")+"]"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.Update = false
	r, _ := run(t, c)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "record 2, only in the golden file") || !strings.Contains(r.errors[0], `-   "output": {`) {
		t.Errorf("removed record:\n%s", r.text())
	}
}

func TestOrphanAndHandEdit(t *testing.T) {
	c := setup(t)
	c.Update = true
	if r, _ := run(t, c); r.failed() {
		t.Fatal(r.text())
	}
	orphan := filepath.Join(c.Dir, "old.golden.json")
	if err := os.WriteFile(orphan, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same records, indented differently.
	path := filepath.Join(c.Dir, "handpicked.golden.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte("\n  "), []byte("\n   ")), 0o644); err != nil {
		t.Fatal(err)
	}
	c.Update = false
	r, res := run(t, c)
	if got := statuses(res); got != "match differ orphan" {
		t.Errorf("statuses %s, want match differ orphan", got)
	}
	if !strings.Contains(r.text(), "written differently") || !strings.Contains(r.text(), "old.golden.json: golden file without an input (old.json or old.ndjson)") {
		t.Errorf("messages:\n%s", r.text())
	}
	c.Update = true
	if r, res := run(t, c); r.failed() || statuses(res) != "match written removed" {
		t.Errorf("update: statuses %s\n%s", statuses(res), r.text())
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("the orphan golden file is still there: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	c := setup(t)
	empty := t.TempDir()
	tests := []struct {
		name string
		edit func(*leadtest.Config)
		want string
	}{
		{"no dir", func(c *leadtest.Config) { c.Dir = "" }, "Config.Dir is empty"},
		{"bad from", func(c *leadtest.Config) { c.From = "hubspot" }, `Config.From: unknown format "hubspot"`},
		{"bad to", func(c *leadtest.Config) { c.To = "" }, "Config.To"},
		{"missing mapping", func(c *leadtest.Config) { c.Mapping = filepath.Join(empty, "m.json") }, "m.json"},
		{"missing dir", func(c *leadtest.Config) { c.Dir = filepath.Join(empty, "none") }, "none"},
		{"no inputs", func(c *leadtest.Config) { c.Dir = empty }, "no inputs (*.json, *.ndjson)"},
		{"unsupported pair", func(c *leadtest.Config) { c.To = "pipedrive"; c.From = "canonical"; c.Mapping = "" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := c
			tt.edit(&c)
			_, err := leadtest.Check(c)
			if tt.want == "" {
				return // only that it does not panic
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
			r, _ := run(t, c)
			if len(r.fatals) != 1 || !strings.HasPrefix(r.fatals[0], "leadtest: ") {
				t.Errorf("Run: fatals %q", r.fatals)
			}
		})
	}
	// Two inputs that would share a golden file.
	dir := t.TempDir()
	for _, name := range []string{"a.json", "a.ndjson"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := leadtest.Check(leadtest.Config{From: "pipedrive", To: "copper", Dir: dir}); err == nil || !strings.Contains(err.Error(), "share the golden file a.golden.json") {
		t.Errorf("shared golden: %v", err)
	}
}

// The kit's own tests run under this module's -update too; they use
// temporary folders only.
var _ = golden.Updating

// TestPipedrivePlan: Config.PipedrivePlan reaches the conversion, as
// leadconv's --pipedrive-plan does: visible_to "3" is the owner's group on
// Premium and unknown without a plan.
func TestPipedrivePlan(t *testing.T) {
	for _, tt := range []struct{ plan, want string }{
		{"premium", `"visibility": "owner_group"`},
		{"growth", `"visibility": "entire_company"`},
		{"", `"visible_to"`}, // no plan: the code is kept and reported
	} {
		t.Run("plan="+tt.plan, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "lead.json"), []byte(`{"title":"A","person_id":1,"visible_to":"3"}`), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := leadtest.Check(leadtest.Config{From: "pipedrive", To: "canonical", Dir: dir, PipedrivePlan: tt.plan, Update: true}); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "lead.golden.json"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want) || tt.plan == "" && strings.Contains(string(b), `"visibility"`) {
				t.Errorf("golden with plan %q lacks %s:\n%s", tt.plan, tt.want, b)
			}
		})
	}
}
