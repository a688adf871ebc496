package copper

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// overlay applies a PUT body to a lead document: its keys replace the
// lead's, and custom_fields entries replace the entries of the same id.
func overlay(t testing.TB, doc, body []byte) []byte {
	t.Helper()
	var d, b map[string]json.RawMessage
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &b); err != nil {
		t.Fatal(err)
	}
	for k, v := range b {
		if k != "custom_fields" {
			d[k] = v
			continue
		}
		var old, upd []map[string]json.RawMessage
		_ = json.Unmarshal(d[k], &old)
		_ = json.Unmarshal(v, &upd)
		for _, u := range upd {
			found := false
			for _, o := range old {
				if bytes.Equal(o["custom_field_definition_id"], u["custom_field_definition_id"]) {
					o["value"], found = u["value"], true
				}
			}
			if !found {
				old = append(old, u)
			}
		}
		d[k], _ = json.Marshal(old)
	}
	out, _ := json.Marshal(d)
	return out
}

// TestUpdateGolden: each sample PUT body, applied to the full sample lead,
// gives back a body that holds every change of the sample.
func TestUpdateGolden(t *testing.T) {
	tr := account(t)
	base := testkit.MustRead(t, "../testdata/copper/leads/full.json")
	files, _ := filepath.Glob("../testdata/copper/update/*.json")
	if len(files) == 0 {
		t.Skip("no sample update bodies")
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			body := testkit.MustRead(t, f)
			before := toLead(t, tr, base)
			after := toLead(t, tr, overlay(t, base, body))
			req, rep, err := tr.UpdateRequest(before, after)
			got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
			if err == nil {
				got.Request = req.AppendJSON(nil)
			}
			golden.CheckJSON(t, "../testdata/copper/update/"+name+".golden.json", got)
			if err != nil {
				return
			}
			// Every key of the sample body is in the request with its value.
			var want, have map[string]json.RawMessage
			_ = json.Unmarshal(body, &want)
			_ = json.Unmarshal(got.Request, &have)
			for k, v := range want {
				if k == "custom_fields" {
					continue
				}
				if !testkit.JSONEqual(v, have[k]) {
					t.Errorf("key %s = %s, want %s", k, have[k], v)
				}
			}
			// Applying the request to before gives after.
			again := toLead(t, tr, overlay(t, base, got.Request))
			if !testkit.JSONEqual(mustJSON(t, again), mustJSON(t, after)) {
				t.Errorf("request does not turn before into after:\n%s", got.Request)
			}
		})
	}
}

func toLead(t *testing.T, tr Translator, doc []byte) lead.Lead {
	t.Helper()
	in, err := DecodeLead(doc)
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := tr.ToLead(in)
	if err != nil {
		t.Fatal(err)
	}
	l.Vendor = nil
	return l
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUpdateRules(t *testing.T) {
	tr := account(t)
	base := lead.Lead{Name: lead.Name{Full: "A"}, Description: "d", Labels: []lead.Label{{Name: "x"}},
		Emails: []lead.Email{{Address: "a@b.example"}}}
	withField := func(l lead.Lead, id string, text string) lead.Lead {
		l.CustomFields = append(append([]lead.CustomField(nil), l.CustomFields...),
			lead.CustomField{Key: "copper:" + id, Type: lead.FieldText, Text: &text})
		return l
	}
	tests := []struct {
		name          string
		before, after lead.Lead
		body          string
		err           string
	}{
		{name: "unchanged", before: base, after: base, body: `{}`},
		{name: "details", before: base, after: func() lead.Lead { l := base; l.Description = "e"; return l }(), body: `{"details":"e"}`},
		{name: "clear email", before: base, after: func() lead.Lead { l := base; l.Emails = nil; return l }(), body: `{"email":null}`},
		{name: "clear tags", before: base, after: func() lead.Lead { l := base; l.Labels = nil; return l }(), body: `{"tags":[]}`},
		{name: "one custom field of two", before: withField(withField(base, "420101", "a"), "420102", "b"),
			after: withField(withField(base, "420101", "a"), "420102", "c"),
			body:  `{"custom_fields":[{"custom_field_definition_id":420102,"value":"c"}]}`},
		{name: "removed custom field", before: withField(base, "420101", "a"), after: base,
			body: `{"custom_fields":[{"custom_field_definition_id":420101,"value":null}]}`},
		{name: "name cannot be cleared", before: base, after: func() lead.Lead { l := base; l.Name = lead.Name{}; return l }(), err: "name: required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _, err := tr.UpdateRequest(tt.before, tt.after)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := req.AppendJSON(nil); !testkit.JSONEqual([]byte(tt.body), got) {
				t.Errorf("body = %s, want %s", got, tt.body)
			}
		})
	}
}

// TestUpdateMoney: every change of monetary_value and monetary_unit is
// sent, with monetary_unit absent or null as in Copper's own examples, and
// a value still set is never nulled. Applying the body to before gives
// after.
func TestUpdateMoney(t *testing.T) {
	tests := []struct {
		name          string
		tr            Translator
		before, after string // members of the lead besides name
		body          string
	}{
		{name: "amount, unit absent", before: `"monetary_value":100`, after: `"monetary_value":250.5`, body: `{"monetary_value":250.5}`},
		{name: "amount, unit null", before: `"monetary_value":100,"monetary_unit":null`, after: `"monetary_value":250.5,"monetary_unit":null`, body: `{"monetary_value":250.5}`},
		{name: "amount, unit set", before: `"monetary_value":100,"monetary_unit":"EUR"`, after: `"monetary_value":250.5,"monetary_unit":"EUR"`, body: `{"monetary_value":250.5}`},
		{name: "amount, default currency", tr: Translator{DefaultCurrency: "USD"}, before: `"monetary_value":100`, after: `"monetary_value":250.5`, body: `{"monetary_value":250.5}`},
		{name: "unit only", before: `"monetary_value":100,"monetary_unit":"EUR"`, after: `"monetary_value":100,"monetary_unit":"USD"`, body: `{"monetary_unit":"USD"}`},
		{name: "unit added", before: `"monetary_value":100`, after: `"monetary_value":100,"monetary_unit":"EUR"`, body: `{"monetary_unit":"EUR"}`},
		{name: "unit nulled", before: `"monetary_value":100,"monetary_unit":"EUR"`, after: `"monetary_value":100,"monetary_unit":null`, body: `{"monetary_unit":null}`},
		{name: "unit left out", before: `"monetary_value":100,"monetary_unit":"EUR"`, after: `"monetary_value":100`, body: `{"monetary_unit":null}`},
		{name: "both", before: `"monetary_value":100,"monetary_unit":"EUR"`, after: `"monetary_value":250.5,"monetary_unit":"USD"`, body: `{"monetary_value":250.5,"monetary_unit":"USD"}`},
		{name: "cleared", before: `"monetary_value":100,"monetary_unit":"EUR"`, after: `"monetary_value":null,"monetary_unit":null`, body: `{"monetary_value":null,"monetary_unit":null}`},
		{name: "cleared, unit absent", before: `"monetary_value":100`, after: `"monetary_value":null`, body: `{"monetary_value":null}`},
		{name: "unchanged, unit absent", before: `"monetary_value":100`, after: `"monetary_value":100`, body: `{}`},
		{name: "unchanged, unit null", before: `"monetary_value":100,"monetary_unit":null`, after: `"monetary_value":100,"monetary_unit":null`, body: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeDoc := []byte(`{"name":"A",` + tt.before + `}`)
			afterDoc := []byte(`{"name":"A",` + tt.after + `}`)
			before, after := fullLead(t, tt.tr, beforeDoc), fullLead(t, tt.tr, afterDoc)
			req, _, err := tt.tr.UpdateRequest(before, after)
			if err != nil {
				t.Fatal(err)
			}
			got := req.AppendJSON(nil)
			if !testkit.JSONEqual([]byte(tt.body), got) {
				t.Errorf("UpdateRequest body = %s, want %s", got, tt.body)
			}
			// Applying the body to before gives after (absent and null
			// both say "no value").
			applied := fullLead(t, tt.tr, overlay(t, beforeDoc, got))
			if diff := cmp.Diff(moneyOf(after), moneyOf(applied)); diff != "" {
				t.Errorf("body applied to before mismatch (-after +applied):\n%s", diff)
			}
		})
	}
}

// fullLead is ToLead of doc with its vendor data.
func fullLead(t *testing.T, tr Translator, doc []byte) lead.Lead {
	t.Helper()
	in, err := DecodeLead(doc)
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := tr.ToLead(in)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// moneyOf is what l says about money: its Value and the amount kept in
// vendor data.
func moneyOf(l lead.Lead) []string {
	out := []string{string(l.Vendor["copper"].AsWritten["monetary_value"])}
	if l.Value != nil {
		out = append(out, lead.FormatDecimal(l.Value.Amount), l.Value.Currency)
	}
	return out
}

// TestUpdateReportsOnlySentFields: notes on custom fields that the body
// does not carry are left out of UpdateRequest's report.
func TestUpdateReportsOnlySentFields(t *testing.T) {
	tr := account(t)
	tr.Location = nil // every written Date notes that UTC was assumed
	day := func(d int) lead.CustomField {
		return lead.CustomField{Key: "copper:420105", Type: lead.FieldDate, Date: &lead.Date{Year: 2024, Month: 8, Day: d}}
	}
	before := lead.Lead{Name: lead.Name{Full: "A"}, Description: "d", CustomFields: []lead.CustomField{day(14)}}
	after := before
	after.Description = "e"
	after.CustomFields = []lead.CustomField{day(14)} // not shared with before
	_, rep, err := tr.UpdateRequest(before, after)
	if err != nil || len(rep) != 0 {
		t.Errorf("date unchanged: report %v, err %v", rep, err)
	}
	after.CustomFields[0] = day(15)
	req, rep, err := tr.UpdateRequest(before, after)
	want := lead.Report{{Path: "custom_fields[0].date", Kind: lead.Defaulted, Reason: "no account time zone: the date was written as midnight UTC"}}
	if diff := cmp.Diff(want, rep); err != nil || diff != "" {
		t.Errorf("date changed: err %v, report mismatch (-want +got):\n%s\nbody: %s", err, diff, req.AppendJSON(nil))
	}
}

// TestUpdateReportsClearedReadOnly: read-only data that after no longer
// holds cannot be cleared by a PUT body, and the report says so.
func TestUpdateReportsClearedReadOnly(t *testing.T) {
	tr := account(t)
	before := lead.Lead{Name: lead.Name{Full: "A"}, IDs: []lead.Ref{{System: System, ID: "13502217"}},
		CreatedAt: time.Unix(1716796991, 0).UTC(), ModifiedAt: time.Unix(1717426072, 0).UTC(),
		LastContactedAt: time.Unix(1717423200, 0).UTC(), InteractionCount: lead.Some[int64](7),
		StatusRef: &lead.Ref{System: System, ID: "2083404"}}
	after := lead.Lead{Name: lead.Name{Full: "A"}, ModifiedAt: time.Unix(1717426073, 0).UTC()}
	req, rep, err := tr.UpdateRequest(before, after)
	if err != nil {
		t.Fatal(err)
	}
	if body := req.AppendJSON(nil); string(body) != "{}" {
		t.Errorf("body = %s, want {}", body)
	}
	var paths []string
	for _, c := range rep {
		if c.Kind != lead.Dropped {
			t.Errorf("%s: kind %s, want dropped", c.Path, c.Kind)
		}
		paths = append(paths, c.Path)
	}
	want := []string{"created_at", "ids", "interaction_count", "last_contacted_at", "modified_at", "status_ref"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("report paths mismatch (-want +got):\n%s", diff)
	}
}
