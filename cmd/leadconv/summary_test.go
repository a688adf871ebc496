package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
)

// summaryLines returns the summary's change lines of stderr, each with its
// columns joined by one space.
func summaryLines(stderr string) []string {
	_, table, ok := strings.Cut(stderr, "leadconv: records changed, by field and kind:\n")
	if !ok {
		return nil
	}
	var out []string
	for _, l := range lines(table) {
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return out
}

// TestSummarySamples checks the summary of the bundled samples: custom
// fields named by the account with their key or id, records counted once
// per field and kind, and why for a field changed in more than one way.
func TestSummarySamples(t *testing.T) {
	real := &app{newConverter: newConverter}
	for _, tt := range []struct {
		from, to, file string
		want           []string // lines of the summary
	}{
		{"pipedrive", "copper", filepath.Join(pdDir, "leads.ndjson"), []string{
			"458bfed0a712755f6cace4d519d5269512e74f7b (Budget) dropped (no_place) 3",
			"4c8b1eb44f1eaccf4372a2a784a67245a398d022_locality (Site address) dropped (unmapped) 5",
			"add_time dropped (target_sets) 50",
			"emails[] dropped (no_place) 5",
			"person_id derived 35 the linked person's contact data is copied; Copper leads carry no links",
			"person_id dropped (unmapped) 4 the linked person is not in the directory; Copper leads carry contact data, not links",
		}},
		{"copper", "pipedrive", filepath.Join(cpDir, "leads.ndjson"), []string{
			"custom_fields[id=420106] (Newsletter Opt-in) dropped (unmapped) 12",
			"custom_fields[id=420108] (Win Probability) dropped (no_place) 20",
			"name derived 50",
			"tags[] dropped (unmapped) 30",
		}},
	} {
		t.Run(tt.from+"→"+tt.to, func(t *testing.T) {
			r := runApp(t, real, nil, "convert", "--from", tt.from, "--to", tt.to, "--mapping", mapping,
				"--pipedrive-account", pdDir, "--copper-account", cpDir, "--progress", "never", tt.file)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			got := summaryLines(r.stderr)
			for _, w := range tt.want {
				if !containsLine(got, w) {
					t.Errorf("summary lacks %q:\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, l := range got {
				f := strings.Fields(l)
				for i, w := range f {
					if n, ok := atoi(w); ok && i > 0 && isKind(f[i-1]) && n > 50 {
						t.Errorf("more records than the 50 read: %s", l)
					}
				}
			}
		})
	}
}

func containsLine(lines []string, l string) bool {
	for _, x := range lines {
		if x == l {
			return true
		}
	}
	return false
}

func atoi(s string) (int, bool) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s != ""
}

func isKind(s string) bool {
	switch lead.ChangeKind(s) {
	case lead.Dropped, lead.Derived, lead.Changed, lead.Defaulted:
		return true
	}
	return false
}

// multiChange reports, for every record, two changes of name (derived),
// two of tags[0] and tags[1] (dropped) and one of tags[2] (derived), the
// last with a reason that depends on the record.
type multiChange struct{}

func (multiChange) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	var rep lead.Report
	rep.Add("name", lead.Derived, "from the title")
	rep.Add("name", lead.Derived, "from the person")
	rep.Add("tags[0]", lead.Dropped, "no label")
	rep.Add("tags[1]", lead.Dropped, "no label")
	reason := "kept as a label"
	if strings.Contains(string(rec), "b") {
		reason = "kept as a note"
	}
	rep.Add("tags[2]", lead.Derived, reason)
	return append(out, rec...), rep, nil
}

// TestSummaryCounts checks that the summary counts records, not report
// entries, and folds array indexes.
func TestSummaryCounts(t *testing.T) {
	in := "{\"t\":\"a\"}\n{\"t\":\"b\"}\n{\"t\":\"c\"}\n"
	for _, workers := range []string{"1", "2"} {
		r := runApp(t, fakeApp(multiChange{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive", "--workers", workers)
		want := []string{
			"name derived 3",
			"tags[] derived 3 kept as a label (and 1 other reason)",
			"tags[] dropped 3 no label",
		}
		diffOrFail(t, "summary", want, summaryLines(r.stderr))
	}
}

// TestLabels checks the summary's field names.
func TestLabels(t *testing.T) {
	const key = "0d9782bfcdc83011ac8efe121c5989f1ba2dde83"
	pd := &labeler{from: convert.Pipedrive, pdFields: map[string]string{key: "Lead score"}}
	cp := &labeler{from: convert.Copper, cpFields: map[int64]string{420106: "Newsletter"}}
	canon := &labeler{from: convert.Canonical, pdFields: map[string]string{key: "Lead score"}}
	cpFields := []customField{{DefinitionID: 7}, {DefinitionID: 420106}}
	canonFields := []customField{{Key: "pipedrive:" + key, Name: "Lead score"}}
	for _, tt := range []struct {
		l      *labeler
		path   string
		fields []customField
		want   string
	}{
		{pd, "", nil, "(root)"},
		{pd, key, nil, key + " (Lead score)"},
		{pd, key + "_currency", nil, key + "_currency (Lead score)"},
		{pd, "1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627", nil, "1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627"},
		{pd, key + "0", nil, key + "0"},
		{pd, "label_ids[3]", nil, "label_ids[]"},
		{cp, "custom_fields[1]", cpFields, "custom_fields[id=420106] (Newsletter)"},
		{cp, "custom_fields[1].value[2]", cpFields, "custom_fields[id=420106].value[] (Newsletter)"},
		{cp, "custom_fields[0]", cpFields, "custom_fields[id=7]"},
		{cp, "custom_fields[5]", cpFields, "custom_fields[]"},
		{cp, "emails[0].category", nil, "emails[].category"},
		{canon, "custom_fields[0].text", canonFields, "custom_fields[key=pipedrive:" + key + "].text (Lead score)"},
		{canon, "vendor.pipedrive.fields." + key + "_until", nil, "vendor.pipedrive.fields." + key + "_until (Lead score)"},
		{&labeler{}, "tags[10]", nil, "tags[]"},
	} {
		if got := tt.l.label(tt.path, tt.fields); got != tt.want {
			t.Errorf("label(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
