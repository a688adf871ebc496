package convert

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestLoadCopperAccountStrict: the Copper exports are read by the strict
// decoders of package copper; an error names the file and the path in it.
func TestLoadCopperAccountStrict(t *testing.T) {
	tests := []struct {
		file, body string
		errs       []string
		is         error
	}{
		{"lead_statuses.json", `[{"id":1,"name":"New"},{"id":"2","name":"Open"}]`,
			[]string{"lead_statuses.json[1].id: want number, got string: wrong JSON type"}, lead.ErrType},
		{"lead_statuses.json", `[{"id":1}]`, []string{"lead_statuses.json[0].name: required"}, lead.ErrRequired},
		{"custom_field_definitions.json", `[{"id":1,"name":"A","data_type":"Dropdown","options":[{"id":"x","name":"o"}]}]`,
			[]string{"custom_field_definitions.json[0].options[0].id: want number, got string: wrong JSON type"}, lead.ErrType},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.body, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadCopperAccount(dir)
			if !errors.Is(err, tt.is) {
				t.Fatalf("LoadCopperAccount error = %v, want one wrapping %v", err, tt.is)
			}
			var got []string
			for _, line := range testkit.ErrorLines(err) {
				rel, _ := filepath.Rel(dir, line)
				got = append(got, rel)
			}
			if diff := cmp.Diff(tt.errs, got); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCopperIdentityUnverifiedStatus: copper → copper without the
// account's lead statuses carries a status outside the documented four
// unchanged, and the report says it was not checked.
func TestCopperIdentityUnverifiedStatus(t *testing.T) {
	rc, err := NewRecordConverter(Copper, Copper, Converter{})
	if err != nil {
		t.Fatal(err)
	}
	in := `{"id":1,"name":"A","status":"Open","converted_value":"4950.28"}`
	out, rep, err := rc.Convert([]byte(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !testkit.JSONEqual([]byte(in), out) {
		t.Errorf("copper → copper = %s, want %s", out, in)
	}
	want := lead.Report{{Path: "status", Kind: lead.Unverified, Reason: "not one of the documented statuses and no account lead_statuses were given: kept as written"}}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("report mismatch (-want +got):\n%s", diff)
	}
}
