package connect_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leadbridge/leadbridge/connect"
	"github.com/leadbridge/leadbridge/convert"
	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update, as in every test package
	"github.com/leadbridge/leadbridge/lead"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// processorYAML is the leadbridge processor's configuration with the
// bundled account set-up.
func processorYAML(from, to convert.Format, extra string) string {
	return fmt.Sprintf(`leadbridge:
  from: %s
  to: %s
  mapping: %s
  pipedrive_account: %s
  copper_account: %s
%s`, from, to, mappingFile, pipedriveAccount, copperAccount, extra)
}

// TestSamples sends the bundled samples through the processor and
// checks that every record comes out as the RecordConverter leadconv
// runs converts it: the same bytes and report, or the same errors.
func TestSamples(t *testing.T) {
	env := newEnv(t)
	for _, tc := range []struct {
		file     string
		from, to convert.Format
	}{
		{pipedriveLeads, convert.Pipedrive, convert.Copper},
		{copperLeads, convert.Copper, convert.Pipedrive},
		{pipedriveLeads, convert.Pipedrive, convert.Canonical},
		{copperLeads, convert.Copper, convert.Canonical},
	} {
		t.Run(fmt.Sprintf("%s-%s", tc.from, tc.to), func(t *testing.T) {
			records := readLines(t, tc.file)
			wants := convertAll(recordConverter(t, tc.from, tc.to, mappingFile, pipedriveAccount, copperAccount, false), records)
			got := runProcessors(t, env, []string{processorYAML(tc.from, tc.to, "")}, records, 7, 2,
				"leadbridge_report", "leadbridge_errors")
			converted := 0
			for i := range records {
				checkResult(t, i, records[i], got[i], wants[i])
				if wants[i].Err == nil {
					converted++
				}
			}
			if converted == 0 {
				t.Fatal("no sample converted: the test compares nothing")
			}
		})
	}
}

// badRecords returns records the RecordConverter rejects, for
// pipedrive → copper; the test fails when one of them is accepted.
func badRecords(t *testing.T, sample []byte) [][]byte {
	t.Helper()
	var obj map[string]any
	if err := json.Unmarshal(sample, &obj); err != nil {
		t.Fatal(err)
	}
	obj["value"] = map[string]any{"amount": "a lot", "currency": "EURO"}
	badValue, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	bad := [][]byte{
		[]byte(`not json`),
		[]byte(`{"id": 5, "title": ["a"]}`),
		[]byte(`[1, 2]`),
		badValue,
	}
	rc := recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)
	for _, rec := range bad {
		if _, _, err := rc.Convert(rec, nil); err == nil {
			t.Fatalf("the converter accepts %s: not a bad record", rec)
		}
	}
	return bad
}

// TestRejects mixes bad records into the samples and checks that each
// comes out flagged as errored, with its own bytes and its path errors,
// that errored() sees it, and that nothing is lost: every record comes
// out once, converted or rejected.
func TestRejects(t *testing.T) {
	env := newEnv(t)
	samples := readLines(t, pipedriveLeads)
	bad := badRecords(t, samples[0])
	var records [][]byte
	isBad := map[int]bool{}
	for i, s := range samples {
		records = append(records, s)
		if i%10 == 3 && len(bad) > 0 {
			isBad[len(records)] = true
			records = append(records, bad[0])
			bad = bad[1:]
		}
	}
	for _, b := range bad {
		isBad[len(records)] = true
		records = append(records, b)
	}
	wants := convertAll(recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false), records)
	route := `mapping: 'meta route = if errored() { "rejects" } else { "converted" }'`
	got := runProcessors(t, env, []string{processorYAML(convert.Pipedrive, convert.Copper, ""), route}, records, 5, 2,
		"leadbridge_report", "leadbridge_errors", "route")

	var converted, rejected int
	for i := range records {
		checkResult(t, i, records[i], got[i], wants[i])
		wantRoute := "converted"
		if wants[i].Err != nil {
			wantRoute = "rejects"
			rejected++
		} else {
			converted++
		}
		if got[i].Meta["route"] != wantRoute {
			t.Errorf("record %d: errored() routes it to %q, want %q", i, got[i].Meta["route"], wantRoute)
		}
		if isBad[i] && got[i].Err == "" {
			t.Errorf("record %d (%s) passed as converted", i, records[i])
		}
	}
	if converted+rejected != len(records) || rejected < len(isBad) {
		t.Errorf("%d records in, %d converted + %d rejected out (%d bad records sent)", len(records), converted, rejected, len(isBad))
	}
}

// TestRejectErrorPaths checks the error text of a rejection names the
// paths of the input and the rules.
func TestRejectErrorPaths(t *testing.T) {
	env := newEnv(t)
	rec := []byte(`{"id": "x", "title": "t", "value": {"amount": "a lot", "currency": "USD"}}`)
	got := runProcessors(t, env, []string{processorYAML(convert.Pipedrive, convert.Copper, "")}, [][]byte{rec}, 1, 1, "leadbridge_errors")
	var errs errorsJSON
	if err := json.Unmarshal([]byte(got[0].Meta["leadbridge_errors"]), &errs); err != nil {
		t.Fatalf("leadbridge_errors %q: %v", got[0].Meta["leadbridge_errors"], err)
	}
	var paths []string
	for _, e := range errs {
		paths = append(paths, e.Path)
		if !strings.Contains(got[0].Err, e.Path+": "+e.Rule) {
			t.Errorf("error text %q lacks %q", got[0].Err, e.Path+": "+e.Rule)
		}
	}
	if !strings.Contains(strings.Join(paths, " "), "value.amount") {
		t.Errorf("error paths %q, want value.amount among them", paths)
	}
}

// TestReportModes checks the report's three ways: metadata (by default,
// under a configurable key), wrapped with the record, or none.
func TestReportModes(t *testing.T) {
	env := newEnv(t)
	records := readLines(t, pipedriveLeads)
	wants := convertAll(recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false), records)
	if !slicesContainReport(wants) {
		t.Fatal("no sample has a report: the test compares nothing")
	}
	t.Run("metadata key", func(t *testing.T) {
		got := runProcessors(t, env, []string{processorYAML(convert.Pipedrive, convert.Copper, "  report_key: rep\n")}, records, 10, 2, "rep", "leadbridge_report")
		for i, w := range wants {
			if _, ok := got[i].Meta["leadbridge_report"]; ok {
				t.Errorf("record %d: the report is under the default key too", i)
			}
			var rep lead.Report
			if err := json.Unmarshal([]byte(got[i].Meta["rep"]), &rep); err != nil {
				t.Fatalf("record %d: report %q: %v", i, got[i].Meta["rep"], err)
			}
			if diff := cmp.Diff(w.Report, rep, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("record %d: report mismatch (-want +got):\n%s", i, diff)
			}
		}
	})
	t.Run("wrap", func(t *testing.T) {
		got := runProcessors(t, env, []string{processorYAML(convert.Pipedrive, convert.Copper, "  report: wrap\n")}, records, 10, 2, "leadbridge_report")
		for i, w := range wants {
			var wrapped struct {
				Record json.RawMessage `json:"record"`
				Report lead.Report     `json:"report"`
			}
			if err := json.Unmarshal([]byte(got[i].Bytes), &wrapped); err != nil {
				t.Fatalf("record %d: %s: %v", i, got[i].Bytes, err)
			}
			if diff := cmp.Diff(w.Out, string(wrapped.Record)); diff != "" {
				t.Errorf("record %d: wrapped record mismatch (-want +got):\n%s", i, diff)
			}
			if diff := cmp.Diff(w.Report, wrapped.Report, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("record %d: wrapped report mismatch (-want +got):\n%s", i, diff)
			}
			if _, ok := got[i].Meta["leadbridge_report"]; ok {
				t.Errorf("record %d: wrapped and in the metadata", i)
			}
		}
	})
	t.Run("none", func(t *testing.T) {
		got := runProcessors(t, env, []string{processorYAML(convert.Pipedrive, convert.Copper, "  report: none\n")}, records, 10, 2, "leadbridge_report")
		for i, w := range wants {
			if got[i].Bytes != w.Out {
				t.Errorf("record %d: %s, want %s", i, got[i].Bytes, w.Out)
			}
			if _, ok := got[i].Meta["leadbridge_report"]; ok {
				t.Errorf("record %d: a report with report: none", i)
			}
		}
	})
}

func slicesContainReport(ws []want) bool {
	for _, w := range ws {
		if len(w.Report) > 0 {
			return true
		}
	}
	return false
}

// TestRedact checks that redact leaves report details and error causes,
// which may quote a lead, out.
func TestRedact(t *testing.T) {
	env := newEnv(t)
	records := append(readLines(t, pipedriveLeads), []byte(`{"title": "secret`))
	wants := convertAll(recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false), records)
	got := runProcessors(t, env, []string{processorYAML(convert.Pipedrive, convert.Copper, "  redact: true\n")}, records, 10, 1,
		"leadbridge_report", "leadbridge_errors")
	details := 0
	for i, w := range wants {
		if w.Err != nil {
			var list lead.ErrorList
			list.Append("", w.Err)
			var lines []string
			for _, fe := range list {
				lines = append(lines, fe.Redacted())
			}
			if diff := cmp.Diff(strings.Join(lines, "\n"), got[i].Err); diff != "" {
				t.Errorf("record %d: redacted error mismatch (-want +got):\n%s", i, diff)
			}
			if strings.Contains(got[i].Meta["leadbridge_errors"], "secret") {
				t.Errorf("record %d: errors metadata quotes the record: %s", i, got[i].Meta["leadbridge_errors"])
			}
			continue
		}
		for _, c := range w.Report {
			if c.Detail != "" {
				details++
			}
		}
		var rep lead.Report
		if err := json.Unmarshal([]byte(got[i].Meta["leadbridge_report"]), &rep); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w.Report.Redact(), rep, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("record %d: redacted report mismatch (-want +got):\n%s", i, diff)
		}
	}
	if details == 0 {
		t.Fatal("no report detail in the samples: the test checks nothing")
	}
}

// TestStrict: strict: true rejects what leadconv --strict rejects (the
// library's RecordConverter with Strict: losses the mapping did not
// cover), and converts the rest as it does; a rejected message keeps its
// bytes.
func TestStrict(t *testing.T) {
	env := newEnv(t)
	records := readLines(t, pipedriveLeads)
	for _, to := range []convert.Format{convert.Copper, convert.Canonical} {
		t.Run(string(to), func(t *testing.T) {
			want := convertAll(recordConverter(t, convert.Pipedrive, to, mappingFile, pipedriveAccount, copperAccount, true), records)
			got := runProcessors(t, env, []string{`leadbridge: {from: pipedrive, to: ` + string(to) + `, mapping: ` + mappingFile +
				`, pipedrive_account: ` + pipedriveAccount + `, copper_account: ` + copperAccount + `, strict: true}`}, records, 10, 2)
			rejected := 0
			for i, w := range want {
				switch {
				case w.Err != nil:
					rejected++
					if got[i].Err == "" || got[i].Bytes != string(records[i]) {
						t.Errorf("record %d: %q (error %q); want it rejected with its bytes: %v", i, got[i].Bytes, got[i].Err, w.Err)
					}
				case got[i].Err != "" || got[i].Bytes != w.Out:
					t.Errorf("record %d: %s (error %q), want %s", i, got[i].Bytes, got[i].Err, w.Out)
				}
			}
			if to == convert.Copper && (rejected == 0 || rejected == len(records)) {
				t.Fatalf("%d of %d rejected: the samples hold both kinds going to Copper", rejected, len(records))
			}
		})
	}
}

// TestConfigErrors checks that a stream with an unusable setting does not
// start, and that the error names the field.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	badMapping := filepath.Join(dir, "mapping.json")
	if err := os.WriteFile(badMapping, []byte(`{"users": [{"pipedrive": "x"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	premiumMapping := filepath.Join(dir, "premium.json")
	if err := os.WriteFile(premiumMapping, []byte(`{"visibility": {"plan": "premium", "visible_to": "7"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	badCopper := filepath.Join(dir, "copper")
	if err := os.Mkdir(badCopper, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badCopper, "custom_field_definitions.json"), []byte(`{`), 0o644); err != nil {
		t.Fatal(err)
	}
	badPipedrive := filepath.Join(dir, "pipedrive")
	if err := os.Mkdir(badPipedrive, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badPipedrive, "persons.json"), []byte(`{"data": 5}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, yaml, field string
	}{
		{"unknown from", `{from: salesforce, to: copper}`, "from"},
		{"unknown to", `{from: pipedrive, to: hubspot}`, "to"},
		{"missing from", `{to: copper}`, "from"},
		{"missing mapping file", `{from: pipedrive, to: copper, mapping: ` + filepath.Join(dir, "none.json") + `}`, "mapping"},
		{"invalid mapping", `{from: pipedrive, to: copper, mapping: ` + badMapping + `}`, "mapping"},
		{"missing account folder", `{from: pipedrive, to: copper, pipedrive_account: ` + filepath.Join(dir, "nowhere") + `}`, "pipedrive_account"},
		{"account is a file", `{from: pipedrive, to: copper, copper_account: ` + badMapping + `}`, "copper_account"},
		{"invalid copper export", `{from: pipedrive, to: copper, copper_account: ` + badCopper + `}`, "copper_account"},
		{"invalid pipedrive export", `{from: pipedrive, to: copper, pipedrive_account: ` + badPipedrive + `}`, "pipedrive_account"},
		{"unknown plan", `{from: pipedrive, to: copper, pipedrive_plan: gold}`, "pipedrive_plan"},
		{"unknown report", `{from: pipedrive, to: copper, report: email}`, "report"},
		{"empty report key", `{from: pipedrive, to: copper, report_key: ""}`, "report_key"},
	} {
		// Without linting (leadbridge-connect --chilled), the processor
		// itself checks its settings.
		for _, lint := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/lint=%v", tc.name, lint), func(t *testing.T) {
				err := runProcessor(newEnv(t), "leadbridge: "+tc.yaml, lint)
				if err == nil {
					t.Fatal("the stream ran")
				}
				if !namesField(err.Error(), tc.field) {
					t.Errorf("error %q does not name field %s", err, tc.field)
				}
				var ce *connect.ConfigError
				if errors.As(err, &ce) && ce.Field != tc.field {
					t.Errorf("ConfigError.Field = %q, want %q", ce.Field, tc.field)
				}
			})
		}
	}
}

// namesField reports whether an error text names field, in one of the
// forms of Benthos' linter and config parser, or a ConfigError's.
func namesField(msg, field string) bool {
	for _, form := range []string{"field " + field + ": ", "field " + field + " is required", "field '" + field + "' is required"} {
		if strings.Contains(msg, form) {
			return true
		}
	}
	return false
}

// runProcessor runs a stream with the processor conf, and returns the
// error that ends it.
func runProcessor(env *service.Environment, conf string, lint bool) error {
	sb := env.NewStreamBuilder()
	if !lint {
		sb.DisableLinting()
	}
	if err := sb.SetLoggerYAML("level: off"); err != nil {
		return err
	}
	if _, err := sb.AddProducerFunc(); err != nil {
		return err
	}
	if err := sb.AddProcessorYAML(conf); err != nil {
		return err
	}
	if err := sb.AddConsumerFunc(func(ctx context.Context, m *service.Message) error { return nil }); err != nil {
		return err
	}
	stream, err := sb.Build()
	if err != nil {
		return err
	}
	// The processors are built when the stream runs: a stream whose
	// settings pass would run until the deadline.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return stream.Run(ctx)
}

// TestBlankMessages: blank messages (empty lines of NDJSON) are left out,
// as leadconv skips blank lines; the leads around them convert.
func TestBlankMessages(t *testing.T) {
	env := newEnv(t)
	leads := readLines(t, pipedriveLeads)
	records := [][]byte{leads[0], nil, []byte("  \t"), leads[1], []byte("\n")}
	got := runProcessors(t, env, []string{`leadbridge: {from: pipedrive, to: canonical}`}, records, 5, 1)
	for _, i := range []int{0, 3} {
		if got[i].Err != "" || got[i].Bytes == "" {
			t.Errorf("record %d: %q (error %q), want it converted", i, got[i].Bytes, got[i].Err)
		}
	}
}
