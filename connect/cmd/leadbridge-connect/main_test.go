package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leadbridge/leadbridge/convert"
	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update, as in every test package
)

// TestLintExamples lints the examples with the command: the processor
// and the core components they use are in it.
func TestLintExamples(t *testing.T) {
	t.Setenv("COPPER_ACCESS_TOKEN", "token")
	t.Setenv("COPPER_USER_EMAIL", "sync@example.com")
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"leadbridge-connect", "lint",
		"../../examples/file-to-file.yaml", "../../examples/webhook-sync.yaml"}, &stderr); code != 0 {
		t.Fatalf("lint: exit %d: %s", code, stderr.String())
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("pipeline:\n  processors:\n    - leadbridge: {from: pipedrive, to: salesforce}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code := run(context.Background(), []string{"leadbridge-connect", "lint", bad}, &stderr)
	if code == 0 {
		t.Fatal("lint passes a processor converting to salesforce")
	}
}

// TestRunConfig runs a configuration with -c, as a user does: the
// bundled Pipedrive samples become Copper bodies in a file.
func TestRunConfig(t *testing.T) {
	got := runPipeline(t, `
    - leadbridge:
        from: pipedrive
        to: copper
        mapping: ../../../testdata/mapping.json
        pipedrive_account: ../../../testdata/pipedrive
        copper_account: ../../../testdata/copper`)
	// pipeline.threads 1 keeps the input's order.
	var want bytes.Buffer
	rc := recordConverter(t)
	in, err := os.ReadFile("../../../testdata/pipedrive/leads.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		b, _, err := rc.Convert([]byte(line), nil)
		if err != nil {
			t.Fatal(err)
		}
		want.Write(b)
		want.WriteByte('\n')
	}
	if diff := cmp.Diff(want.String(), got); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

// recordConverter returns the RecordConverter leadconv runs for the
// configuration of TestRunConfig.
func recordConverter(t *testing.T) *convert.RecordConverter {
	t.Helper()
	mapping, err := os.ReadFile("../../../testdata/mapping.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := convert.Setup{Mapping: mapping, MappingFile: "mapping.json",
		PipedriveAccount: "../../../testdata/pipedrive", CopperAccount: "../../../testdata/copper"}.Converter()
	if err != nil {
		t.Fatal(err)
	}
	rc, err := convert.NewRecordConverter(convert.Pipedrive, convert.Copper, c)
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

// TestRunBloblangMethod runs, with -c, a configuration that converts with
// the Bloblang method rather than the processor: the command knows the
// method at run time too, not only when linting.
func TestRunBloblangMethod(t *testing.T) {
	got := runPipeline(t, `
    - mapping: 'root = content().leadbridge(from: "pipedrive", to: "copper", mapping: "../../../testdata/mapping.json", pipedrive_account: "../../../testdata/pipedrive", copper_account: "../../../testdata/copper")'`)
	if n := strings.Count(got, "\n"); n != 50 {
		t.Errorf("%d records written, want the 50 samples", n)
	}
}

// runPipeline runs, with -c as a user does, a configuration that reads
// the bundled Pipedrive samples on one pipeline thread (keeping their
// order) through processors (YAML list items) into a file, and returns
// the file's content.
func runPipeline(t *testing.T, processors string) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.ndjson")
	conf := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(conf, []byte(`
input:
  file:
    paths: [ ../../../testdata/pipedrive/leads.ndjson ]
    scanner: { lines: {} }
pipeline:
  threads: 1
  processors:`+processors+`
output:
  file: { path: `+out+`, codec: lines }
logger: { level: warn }
http: { enabled: false }
`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"leadbridge-connect", "-c", conf}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(got)
}
