package connect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leadbridge/leadbridge/connect"
	"github.com/leadbridge/leadbridge/convert"
	"github.com/redpanda-data/benthos/v4/public/bloblang"
)

// blobEnv returns a Bloblang environment with the leadbridge method.
func blobEnv(t *testing.T) *bloblang.Environment {
	t.Helper()
	env := bloblang.NewEmptyEnvironment()
	if err := connect.RegisterBloblang(env); err != nil {
		t.Fatal(err)
	}
	return env
}

// decodeJSON decodes b as Benthos does, numbers as json.Number.
func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return v
}

// TestMethod checks that the method converts a lead, given as JSON text
// or bytes (content()) or as an object (this), as the RecordConverter
// does, with the account set-up given by name or none. An object is
// converted from its JSON, whose keys Benthos sorts.
func TestMethod(t *testing.T) {
	env := blobEnv(t)
	setup := fmt.Sprintf(`mapping: %q, pipedrive_account: %q, copper_account: %q`, mappingFile, pipedriveAccount, copperAccount)
	for _, tc := range []struct {
		name, mapping, file, input string
		rc                         *convert.RecordConverter
	}{
		{"object", `root = this.leadbridge("pipedrive", "copper")`, pipedriveLeads, "object",
			recordConverter(t, convert.Pipedrive, convert.Copper, "", "", "", false)},
		{"object with set-up", `root = this.leadbridge(from: "pipedrive", to: "copper", ` + setup + `)`, pipedriveLeads, "object",
			recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)},
		{"bytes with set-up", `root = this.leadbridge(from: "pipedrive", to: "copper", ` + setup + `)`, pipedriveLeads, "bytes",
			recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)},
		{"text", `root = this.leadbridge("copper", "canonical")`, copperLeads, "text",
			recordConverter(t, convert.Copper, convert.Canonical, "", "", "", false)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exe, err := env.Parse(tc.mapping)
			if err != nil {
				t.Fatal(err)
			}
			for i, rec := range readLines(t, tc.file) {
				var in any
				switch tc.input {
				case "text":
					in = string(rec)
				case "bytes":
					in = rec
				default:
					in = decodeJSON(t, rec)
					if rec, err = json.Marshal(in); err != nil {
						t.Fatal(err)
					}
				}
				want, _, err := tc.rc.Convert(rec, nil)
				if err != nil {
					t.Fatalf("record %d: %v", i, err)
				}
				got, err := exe.Query(in)
				if err != nil {
					t.Fatalf("record %d: %v", i, err)
				}
				if diff := cmp.Diff(decodeJSON(t, want), got); diff != "" {
					t.Errorf("record %d mismatch (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

// TestMethodErrors checks that a lead the method cannot convert fails
// the mapping with its path errors, that strict rejects a dropped field,
// and that bad arguments fail the mapping's parse, naming the argument.
func TestMethodErrors(t *testing.T) {
	env := blobEnv(t)
	exe, err := env.Parse(`root = this.leadbridge("pipedrive", "copper")`)
	if err != nil {
		t.Fatal(err)
	}
	bad := []byte(`{"id": "x", "title": "t", "value": {"amount": "a lot", "currency": "USD"}}`)
	_, _, wantErr := recordConverter(t, convert.Pipedrive, convert.Copper, "", "", "", false).Convert(bad, nil)
	if wantErr == nil {
		t.Fatal("the bad lead converts")
	}
	if _, err := exe.Query(decodeJSON(t, bad)); err == nil || !strings.Contains(err.Error(), wantErr.Error()) {
		t.Errorf("error %v, want one containing %q", err, wantErr)
	}

	strict, err := env.Parse(`root = this.leadbridge(from: "pipedrive", to: "canonical", strict: true)`)
	if err != nil {
		t.Fatal(err)
	}
	lax := recordConverter(t, convert.Pipedrive, convert.Canonical, "", "", "", false)
	dropping := 0
	for i, rec := range readLines(t, pipedriveLeads) {
		_, rep, err := lax.Convert(rec, nil)
		if err != nil {
			t.Fatal(err)
		}
		var dropped []string
		for _, c := range rep {
			if c.Kind == "dropped" {
				dropped = append(dropped, c.Path)
			}
		}
		_, err = strict.Query(decodeJSON(t, rec))
		if len(dropped) == 0 {
			if err != nil {
				t.Errorf("record %d: %v", i, err)
			}
			continue
		}
		dropping++
		if err == nil {
			t.Errorf("record %d drops %v, and strict passes it", i, dropped)
			continue
		}
		for _, p := range dropped {
			if !strings.Contains(err.Error(), p+": dropped") {
				t.Errorf("record %d: error %q does not name %s", i, err, p)
			}
		}
	}
	if dropping == 0 {
		t.Fatal("no sample drops a field: the test checks nothing")
	}

	for _, tc := range []struct{ mapping, field string }{
		{`root = this.leadbridge("pipedrive", "salesforce")`, "to"},
		{`root = this.leadbridge(from: "pipedrive", to: "copper", mapping: "no/such/mapping.json")`, "mapping"},
		{`root = this.leadbridge(from: "pipedrive", to: "copper", pipedrive_plan: "gold")`, "pipedrive_plan"},
	} {
		_, err := env.Parse(tc.mapping)
		if err == nil || !strings.Contains(err.Error(), "field "+tc.field+": ") {
			t.Errorf("Parse(%s) = %v, want an error naming %s", tc.mapping, err, tc.field)
		}
	}
}

// TestMethodInStream checks the method in a mapping processor of a
// stream built on NewEnvironment: converted leads come out as the
// RecordConverter's (as objects: Benthos writes their keys sorted), and
// a lead that cannot be converted is flagged as errored with its path
// errors, keeping its bytes.
func TestMethodInStream(t *testing.T) {
	samples := readLines(t, pipedriveLeads)
	records := append(samples, badRecords(t, samples[0])...)
	rc := recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)
	mapping := fmt.Sprintf(`mapping: 'root = content().leadbridge(from: "pipedrive", to: "copper", mapping: %q, pipedrive_account: %q, copper_account: %q)'`,
		mappingFile, pipedriveAccount, copperAccount)
	got := runProcessors(t, newEnv(t), []string{mapping}, records, 10, 2)
	rejected := 0
	for i, w := range convertAll(rc, records) {
		if w.Err != nil {
			rejected++
			if got[i].Bytes != string(records[i]) || !strings.Contains(got[i].Err, w.Err.Error()) {
				t.Errorf("record %d: %s with error %q, want its own bytes and an error containing %q", i, got[i].Bytes, got[i].Err, w.Err)
			}
			continue
		}
		if got[i].Err != "" {
			t.Errorf("record %d: %s", i, got[i].Err)
			continue
		}
		if diff := cmp.Diff(decodeJSON(t, []byte(w.Out)), decodeJSON(t, []byte(got[i].Bytes))); diff != "" {
			t.Errorf("record %d mismatch (-want +got):\n%s", i, diff)
		}
	}
	if rejected == 0 {
		t.Fatal("no record rejected: the test checks half")
	}
}
