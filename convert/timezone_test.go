package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// The sample accounts' date fields: Pipedrive "Next follow-up" (a date) and
// Copper "Next Follow-up" (a Date, id 420105).
const (
	pipedriveDateKey = "0d9782bfcdc83011ac8efe121c5989f1ba2dde83"
	copperDateID     = 420105
)

// TestDateSurvivesTimeZones: a Pipedrive date goes to Copper as midnight in
// the Copper account's time zone and comes back as the same date, in
// America/Los_Angeles (Copper's examples) and Asia/Tokyo, and in UTC when
// no zone is known, which the reports then say.
func TestDateSurvivesTimeZones(t *testing.T) {
	for _, tt := range []struct {
		zone string // "" is no zone
		day  string
	}{
		{"America/Los_Angeles", "2024-06-12"},
		{"America/Los_Angeles", "2024-12-31"},
		{"Asia/Tokyo", "2024-06-12"},
		{"Asia/Tokyo", "2025-01-01"},
		{"", "2024-06-12"},
	} {
		t.Run(tt.zone+" "+tt.day, func(t *testing.T) {
			c := sampleConverter(t)
			loc := time.UTC
			c.Copper.Location = nil
			if tt.zone != "" {
				var err error
				if loc, err = time.LoadLocation(tt.zone); err != nil {
					t.Fatal(err)
				}
				c.Copper.Location = loc
			}
			in := pipedriveWithDate(t, tt.day)

			// Pipedrive → Copper: midnight of the day in the zone.
			obj, rep, err := c.PipedriveToCopperObject(in)
			if err != nil {
				t.Fatal(err)
			}
			day, err := lead.ParseDate(tt.day)
			if err != nil {
				t.Fatal(err)
			}
			var got json.RawMessage
			for _, f := range obj.CustomFields.Value {
				if f.DefinitionID.Value == copperDateID {
					got = f.Value.Value
				}
			}
			if want := day.In(loc).Unix(); string(got) != itoa(want) {
				t.Errorf("Copper value = %s, want %d (midnight %s in %s)", got, want, tt.day, loc)
			}
			checkUTCNote(t, "to Copper", rep, tt.zone == "")

			// Copper → Pipedrive: the same day.
			back, err := copper.DecodeLead(obj.AppendJSON(nil))
			if err != nil {
				t.Fatal(err)
			}
			b, rep, err := c.CopperToPipedrive(back)
			if err != nil {
				t.Fatal(err)
			}
			body, err := json.Marshal(b.Lead)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatal(err)
			}
			if got := string(m[pipedriveDateKey]); got != `"`+tt.day+`"` {
				t.Errorf("Pipedrive date = %s, want %q\nbody: %s", got, tt.day, body)
			}
			checkUTCNote(t, "back to Pipedrive", rep, tt.zone == "")
		})
	}
}

// checkUTCNote checks that rep says UTC was assumed exactly when no zone
// was given.
func checkUTCNote(t *testing.T, leg string, rep lead.Report, want bool) {
	t.Helper()
	got := false
	for _, c := range rep {
		if strings.Contains(c.Reason, "no account time zone") {
			got = true
		}
	}
	if got != want {
		t.Errorf("%s: report says UTC was assumed: %v, want %v\nreport: %v", leg, got, want, rep)
	}
}

// pipedriveWithDate is the full sample Pipedrive lead with its date field
// set to day.
func pipedriveWithDate(t *testing.T, day string) pipedrive.Lead {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(testkit.MustRead(t, filepath.Join(root, "pipedrive", "leads", "full.json")), &m); err != nil {
		t.Fatal(err)
	}
	m[pipedriveDateKey] = json.RawMessage(`"` + day + `"`)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	l, err := pipedrive.DecodeLead(b)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestLoadCopperAccountTimeZone: account.json gives the translator its
// time zone; a name the time zone database does not know is an error.
func TestLoadCopperAccountTimeZone(t *testing.T) {
	tr, err := LoadCopperAccount(filepath.Join(root, "copper"))
	if err != nil {
		t.Fatal(err)
	}
	if tr.Location == nil || tr.Location.String() != "America/Los_Angeles" {
		t.Errorf("Location = %v, want America/Los_Angeles", tr.Location)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "account.json"), []byte(`{"id":1,"name":"N","primary_timezone":"Mars/Olympus_Mons"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadCopperAccount(dir)
	if want := filepath.Join(dir, "account.json") + ".primary_timezone: an IANA time zone name"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want %q", err, want)
	}
}
