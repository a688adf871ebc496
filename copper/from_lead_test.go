package copper

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestFromLeadGolden: every sample lead and create body, read with ToLead,
// becomes a POST /leads body.
func TestFromLeadGolden(t *testing.T) {
	tr := account(t)
	cases := corpus(t)
	files, _ := filepath.Glob("../testdata/copper/create/*.json")
	for _, f := range files {
		cases["create_"+strings.TrimSuffix(filepath.Base(f), ".json")] = testkit.MustRead(t, f)
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			in, err := DecodeLead(data)
			if err != nil {
				t.Fatal(err)
			}
			l, _, err := tr.ToLead(in)
			if err != nil {
				t.Skipf("ToLead: %v", err)
			}
			req, rep, err := tr.FromLead(l)
			got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
			if err == nil {
				got.Request = req.AppendJSON(nil)
			}
			golden.CheckJSON(t, "../testdata/copper/from_lead/"+name+".golden.json", got)
			// A create body read back gives the same body.
			if strings.HasPrefix(name, "create_") && err == nil && !testkit.JSONEqual(data, got.Request) {
				t.Errorf("FromLead(ToLead(body)) changed the body:\n in: %s\nout: %s", compact(data), got.Request)
			}
		})
	}
}

// lossless are canonical Leads Copper can carry without loss.
func lossless() map[string]lead.Lead {
	ok, no := true, false
	amount := decimal.RequireFromString("1500.50")
	text := "Web form"
	return map[string]lead.Lead{
		"name only": {Name: lead.Name{Full: "Ana"}},
		"full": {
			Name:        lead.Name{Full: "Dr. Ana García Jr.", Prefix: "Dr.", First: "Ana", Last: "García", Suffix: "Jr."},
			JobTitle:    "CTO",
			Emails:      []lead.Email{{Address: "ana@example.es", Category: lead.CategoryWork}},
			Phones:      []lead.Phone{{Number: "+34 600", Category: lead.CategoryMobile}, {Number: "1", Category: lead.CategoryHome}},
			Socials:     []lead.Social{{URL: "https://x.example/ana", Category: lead.CategoryTwitter}},
			Websites:    []lead.Website{{URL: "https://ana.example", Category: lead.CategoryPersonal}},
			Address:     &lead.Address{Street: "Calle 1", City: "Madrid", PostalCode: "28013", Country: "ES"},
			CompanyName: "Acme <&> \"SL\"", Owner: &lead.Ref{System: System, ID: "7"},
			Value:       &lead.Money{Amount: amount, Currency: "EUR"},
			Status:      lead.StatusContacted,
			Labels:      []lead.Label{{Name: "a"}, {Name: "ü 😀"}},
			Source:      &lead.Source{CustomerSource: &lead.Ref{System: System, ID: "1118253"}},
			Description: "line 1\nline 2",
			CustomFields: []lead.CustomField{
				{Key: "copper:420101", Name: "Lead Source Detail", Type: lead.FieldText, Source: &lead.Ref{System: System, ID: "420101"}, Text: &text},
				{Key: "copper:420103", Name: "Industry", Type: lead.FieldOption, Source: &lead.Ref{System: System, ID: "420103"}, Options: []lead.Option{{ID: "611004", Label: "Retail"}}},
				{Key: "copper:420106", Name: "", Type: lead.FieldBool, Source: &lead.Ref{System: System, ID: "420106"}, Bool: &ok},
				{Key: "copper:420105", Type: lead.FieldDate, Source: &lead.Ref{System: System, ID: "420105"}, Date: &lead.Date{Year: 2024, Month: 7, Day: 1}},
				{Key: "copper:777", Type: lead.FieldRaw, Source: &lead.Ref{System: System, ID: "777"}, Raw: json.RawMessage(`{"a":[1,2.50]}`)},
			},
		},
		"account status": {Name: lead.Name{Full: "B"}, StatusName: "Junk", Labels: []lead.Label{{Name: "x"}}},
		"checkbox false": {Name: lead.Name{Full: "C"}, CustomFields: []lead.CustomField{
			{Key: "copper:420106", Type: lead.FieldBool, Source: &lead.Ref{System: System, ID: "420106"}, Bool: &no}}},
	}
}

// TestCanonicalRoundTrip: Lead → FromLead → JSON → DecodeLead → ToLead
// gives the Lead back, for Leads Copper can carry.
func TestCanonicalRoundTrip(t *testing.T) {
	tr := account(t)
	for name, want := range lossless() {
		t.Run(name, func(t *testing.T) {
			// Names and option labels come from the definitions.
			for i, f := range want.CustomFields {
				if d := tr.definition(mustInt(t, f.Source.ID)); d != nil {
					want.CustomFields[i].Name = d.Name
				}
			}
			req, rep, err := tr.FromLead(want)
			if err != nil || len(rep) > 0 {
				t.Fatalf("FromLead: report %v, err %v", rep, err)
			}
			wire, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeLead(wire)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := tr.ToLead(back)
			if err != nil {
				t.Fatalf("ToLead(%s): %v", wire, err)
			}
			got.Vendor = nil // which keys the body left out
			if diff := cmp.Diff(want, got, testkit.CmpOptions()...); diff != "" {
				t.Errorf("round trip changed the lead (-want +got):\n%s\nwire: %s", diff, wire)
			}
		})
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	v, ok := intValue([]byte(s))
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return v
}

func TestFromLeadRules(t *testing.T) {
	tr := account(t)
	ms := time.Date(2020, 10, 14, 11, 30, 36, 551e6, time.UTC)
	tests := []struct {
		name      string
		in        lead.Lead
		body      string // the JSON body wanted, if no error
		loc       string // the account's time zone
		dropped   []string
		changed   []string
		defaulted []string
		err       string
		is        error
	}{
		{name: "no name", in: lead.Lead{CompanyName: "Acme"}, err: "name: required", is: lead.ErrRequired},
		{name: "name from parts", in: lead.Lead{Name: lead.Name{First: "Ana", Last: "Ruiz"}}, body: `{"name":"Ana Ruiz","first_name":"Ana","last_name":"Ruiz"}`},
		{name: "pipedrive title dropped", in: lead.Lead{Title: "Acme renewal", Name: lead.Name{Full: "A"}}, body: `{"name":"A"}`, dropped: []string{"title"}},
		{name: "pipedrive data dropped", in: lead.Lead{Name: lead.Name{Full: "A"},
			IDs:    []lead.Ref{{System: "pipedrive", ID: "u"}},
			Person: &lead.Ref{System: "pipedrive", ID: "1"}, Organization: &lead.Ref{System: "pipedrive", ID: "2"},
			Owner: &lead.Ref{System: "pipedrive", ID: "3"}, Creator: &lead.Ref{System: "pipedrive", ID: "4"},
			Visibility: lead.VisibilityEntireCompany, ExpectedCloseDate: &lead.Date{Year: 2026, Month: 1, Day: 2},
			Archived: lead.Some(true), Seen: lead.Some(false), NextActivity: &lead.Ref{System: "pipedrive", ID: "5"},
			BCCEmail: "x@y.example", Source: &lead.Source{Name: "API", Origin: "API", Channel: &lead.Ref{System: "pipedrive", ID: "6"}},
			Labels: []lead.Label{{Name: "hot", Ref: &lead.Ref{System: "pipedrive", ID: "l"}, Color: "red"}},
			Emails: []lead.Email{{Address: "a@b.example"}, {Address: "c@d.example"}},
			Vendor: map[string]lead.VendorData{"pipedrive": {Fields: map[string]json.RawMessage{"k": json.RawMessage(`1`)}}},
		}, body: `{"name":"A","email":{"email":"a@b.example"},"tags":["hot"]}`,
			dropped: []string{"bcc_email", "creator", "emails[1]", "expected_close_date", "ids[0]", "labels[0].color", "labels[0].ref", "next_activity", "organization", "owner", "person", "seen", "archived", "source.channel", "source.name", "source.origin", "vendor.pipedrive", "visibility"}},
		{name: "read-only dropped", in: lead.Lead{Name: lead.Name{Full: "A"}, IDs: []lead.Ref{{System: System, ID: "9"}},
			CreatedAt: ms, InteractionCount: lead.Some(int64(2)), StatusRef: &lead.Ref{System: System, ID: "3"}},
			body: `{"name":"A"}`, dropped: []string{"created_at", "ids[0]", "interaction_count", "status_ref"}, changed: []string{"created_at"}},
		{name: "money exact", in: lead.Lead{Name: lead.Name{Full: "A"}, Value: &lead.Money{Amount: decimal.RequireFromString("0.10"), Currency: "USD"}},
			body: `{"name":"A","monetary_value":0.10,"monetary_unit":"USD"}`},
		{name: "option by name", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "copper:420103", Type: lead.FieldOption, Options: []lead.Option{{Label: "Retail"}}}}},
			body: `{"name":"A","custom_fields":[{"custom_field_definition_id":420103,"value":611004}]}`},
		{name: "unknown option", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "copper:420103", Type: lead.FieldOption, Options: []lead.Option{{ID: "1"}}}}},
			err: "custom_fields[0].options[0].id: option id", is: lead.ErrInvalid},
		{name: "currency mismatch", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "copper:420109", Type: lead.FieldMoney, Money: &lead.Money{Amount: decimal.New(5, 0), Currency: "EUR"}}}},
			err: "custom_fields[0].money.currency", is: lead.ErrUnsupported},
		{name: "other vendor's custom field", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "pipedrive:abc", Type: lead.FieldRaw, Raw: json.RawMessage(`1`)}}},
			body: `{"name":"A"}`, dropped: []string{"custom_fields[0]"}},
		{name: "date custom field, no time zone", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "copper:420105", Type: lead.FieldDate, Date: &lead.Date{Year: 2024, Month: 7, Day: 1}}}},
			body: `{"name":"A","custom_fields":[{"custom_field_definition_id":420105,"value":1719792000}]}`, defaulted: []string{"custom_fields[0].date"}},
		{name: "date custom field, Los Angeles", loc: "America/Los_Angeles", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "copper:420105", Type: lead.FieldDate, Date: &lead.Date{Year: 2024, Month: 7, Day: 1}}}},
			body: `{"name":"A","custom_fields":[{"custom_field_definition_id":420105,"value":1719817200}]}`},
		{name: "date custom field, Tokyo", loc: "Asia/Tokyo", in: lead.Lead{Name: lead.Name{Full: "A"}, CustomFields: []lead.CustomField{
			{Key: "copper:420105", Type: lead.FieldDate, Date: &lead.Date{Year: 2024, Month: 7, Day: 1}}}},
			body: `{"name":"A","custom_fields":[{"custom_field_definition_id":420105,"value":1719759600}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tr
			tr.Location = nil
			if tt.loc != "" {
				tr.Location = mustLoad(t, tt.loc)
			}
			req, rep, err := tr.FromLead(tt.in)
			if tt.err != "" {
				var fe *lead.FieldError
				if !errors.As(err, &fe) || !errors.Is(err, tt.is) || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("FromLead error = %v, want %q wrapping %v", err, tt.err, tt.is)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := req.AppendJSON(nil); !testkit.JSONEqual([]byte(tt.body), got) {
				t.Errorf("body = %s, want %s", got, tt.body)
			}
			for _, c := range rep {
				if strings.Contains(c.Reason, "Acme") || strings.Contains(c.Reason, "@") {
					t.Errorf("reason quotes data: %q", c.Reason)
				}
			}
			if diff := cmp.Diff(sorted(tt.dropped), paths(rep, lead.Dropped)); diff != "" {
				t.Errorf("dropped mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(sorted(tt.changed), paths(rep, lead.Changed)); diff != "" {
				t.Errorf("changed mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(sorted(tt.defaulted), paths(rep, lead.Defaulted)); diff != "" {
				t.Errorf("defaulted mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func paths(rep lead.Report, k lead.ChangeKind) []string {
	var out []string
	for _, c := range rep {
		if c.Kind == k {
			out = append(out, c.Path)
		}
	}
	return sorted(out)
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
