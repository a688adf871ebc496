package pipedrive

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/leadgen"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// identity checks ToLead → LeadObject → AppendJSON gives back the JSON
// value of data, and that a second pass is a fixpoint.
func identity(t *testing.T, tr Translator, data []byte) (lead.Lead, bool) {
	t.Helper()
	in, err := DecodeLead(data)
	if err != nil {
		t.Fatalf("DecodeLead: %v\n%s", err, data)
	}
	l, _, err := tr.ToLead(in)
	if err != nil {
		return lead.Lead{}, false
	}
	obj, rep, err := tr.LeadObject(l)
	if err != nil {
		t.Fatalf("LeadObject: %v", err)
	}
	if len(rep) > 0 {
		t.Errorf("LeadObject reported %v for a lead ToLead produced", rep)
	}
	out := obj.AppendJSON(nil)
	if !testkit.JSONEqual(out, data) {
		t.Fatalf("round trip changed the JSON value:\nin:  %s\nout: %s", bytes.Join(bytes.Fields(data), nil), out)
	}
	in2 := mustDecode(t, out)
	l2, _, err := tr.ToLead(in2)
	if err != nil {
		t.Fatalf("second ToLead: %v", err)
	}
	if diff := cmp.Diff(l, l2, testkit.CmpOptions()...); diff != "" {
		t.Fatalf("not a fixpoint (-first +second):\n%s", diff)
	}
	return l, true
}

func TestRoundTripCorpus(t *testing.T) {
	names, data := corpusLeads(t)
	for _, cfg := range translators(t) {
		for i, name := range names {
			t.Run(name+"/"+cfg.name, func(t *testing.T) {
				l, ok := identity(t, cfg.tr, data[i])
				if !ok {
					t.Skip("ToLead rejects this case on this plan (see the to_lead golden)")
				}
				obj, _, _ := cfg.tr.LeadObject(l)
				golden.Check(t, filepath.Join(corpus, "roundtrip", name+"."+cfg.name+".golden.json"), append(obj.AppendJSON(nil), '\n'))
			})
		}
	}
}

func TestRoundTripGenerated(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	for _, cfg := range translators(t) {
		t.Run(cfg.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := leadgen.Pipedrive(&buf, n, leadgen.Options{Seed: 7}); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(&buf)
			sc.Buffer(nil, 1<<20)
			ok := 0
			for sc.Scan() {
				if _, good := identity(t, cfg.tr, sc.Bytes()); good {
					ok++
				}
			}
			if ok < n/2 {
				t.Errorf("only %d of %d generated leads translated", ok, n)
			}
		})
	}
}

// losslessLeads are canonical leads Pipedrive carries without loss.
func losslessLeads() map[string]lead.Lead {
	d := lead.Date{Year: 2025, Month: 3, Day: 31}
	text := "DACH-SPRING-24"
	num := decimal.RequireFromString("87.50")
	return map[string]lead.Lead{
		"minimal": {Title: "Anna Schäfer lead", Person: &lead.Ref{System: System, ID: "2101"}},
		"full": {
			Title:             "Brandt & Söhne – rollout",
			Person:            &lead.Ref{System: System, ID: "2101"},
			Organization:      &lead.Ref{System: System, ID: "501"},
			Owner:             &lead.Ref{System: System, ID: "12776251"},
			Value:             &lead.Money{Amount: decimal.RequireFromString("48000.50"), Currency: "EUR"},
			ExpectedCloseDate: &d,
			Seen:              lead.Some(true),
			Labels:            []lead.Label{{Name: "Hot", Color: "red", Ref: &lead.Ref{System: System, ID: "5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01"}}},
			Source:            &lead.Source{OriginID: "hubspot-sync-7741", Channel: &lead.Ref{System: System, ID: "31"}, ChannelID: "portal/DE"},
			Visibility:        lead.VisibilityGroupAndSubgroups,
			CustomFields: []lead.CustomField{
				{Key: "pipedrive:a7ace732f6fadfa7e5c15b629362da5cc13da58a", Name: "Campaign code", Type: lead.FieldText, Source: &lead.Ref{System: System, ID: "a7ace732f6fadfa7e5c15b629362da5cc13da58a"}, Text: &text},
				{Key: "pipedrive:fab36728a78beb7e0787c0de2f960063bc67ba94", Name: "Lead score", Type: lead.FieldNumber, Source: &lead.Ref{System: System, ID: "fab36728a78beb7e0787c0de2f960063bc67ba94"}, Number: &num},
				{Key: "pipedrive:458bfed0a712755f6cace4d519d5269512e74f7b", Name: "Budget", Type: lead.FieldMoney, Source: &lead.Ref{System: System, ID: "458bfed0a712755f6cace4d519d5269512e74f7b"}, Money: &lead.Money{Amount: decimal.RequireFromString("52000"), Currency: "CHF"}},
				{Key: "pipedrive:d419c7723226db943c3ae353fb14628e90b401a6", Name: "Industry", Type: lead.FieldOption, Source: &lead.Ref{System: System, ID: "d419c7723226db943c3ae353fb14628e90b401a6"}, Options: []lead.Option{{ID: "62", Label: "Manufacturing"}}},
				{Key: "pipedrive:1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627", Name: "Products of interest", Type: lead.FieldOptions, Source: &lead.Ref{System: System, ID: "1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627"}, Options: []lead.Option{{ID: "71", Label: "Analytics Cloud"}, {ID: "74", Label: "Training"}}},
				{Key: "pipedrive:68e58909ccb2b416525a56c9a30f4300bbeeb636", Name: "Solutions engineer", Type: lead.FieldUser, Source: &lead.Ref{System: System, ID: "68e58909ccb2b416525a56c9a30f4300bbeeb636"}, Ref: &lead.Ref{System: System, ID: "13901127"}},
				{Key: "pipedrive:0d9782bfcdc83011ac8efe121c5989f1ba2dde83", Name: "Next follow-up", Type: lead.FieldDate, Source: &lead.Ref{System: System, ID: "0d9782bfcdc83011ac8efe121c5989f1ba2dde83"}, Date: &d},
			},
		},
		"organization only": {Title: "Org lead", Organization: &lead.Ref{System: System, ID: "9"}, Seen: lead.Some(false)},
	}
}

// TestCanonicalRoundTrip: lead → FromLead → JSON → DecodeLead → ToLead
// gives an equal lead for what Pipedrive carries losslessly.
func TestCanonicalRoundTrip(t *testing.T) {
	tr := accountTranslator(t, PlanPremium)
	for name, want := range losslessLeads() {
		t.Run(name, func(t *testing.T) {
			req, rep, err := tr.FromLead(want)
			if err != nil || len(rep) > 0 {
				t.Fatalf("FromLead: report %v, err %v", rep, err)
			}
			wire, err := req.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			back, err := DecodeLead(wire)
			if err != nil {
				t.Fatalf("DecodeLead(%s): %v", wire, err)
			}
			got, _, err := tr.ToLead(back)
			if err != nil {
				t.Fatalf("ToLead(%s): %v", wire, err)
			}
			delete(got.Vendor, System) // absent response-only keys
			if len(got.Vendor) == 0 {
				got.Vendor = nil
			}
			if diff := cmp.Diff(want, got, testkit.CmpOptions()...); diff != "" {
				t.Errorf("round trip changed the lead (-want +got):\n%s\nwire: %s", diff, wire)
			}
		})
	}
}

func TestLeadObjectReportsDropped(t *testing.T) {
	l := lead.Lead{
		Title:            "x",
		Name:             lead.Name{Full: "Anna"},
		Emails:           []lead.Email{{Address: "a@b.c"}},
		CompanyName:      "ACME",
		Description:      "d",
		Status:           lead.StatusNew,
		IDs:              []lead.Ref{{System: "copper", ID: "1"}},
		Person:           &lead.Ref{System: "copper", ID: "7"},
		LastContactedAt:  time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		InteractionCount: lead.Some(int64(3)),
		Vendor:           map[string]lead.VendorData{"copper": {Fields: map[string]json.RawMessage{"x": json.RawMessage("1")}}},
	}
	_, rep, err := Translator{}.LeadObject(l)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, c := range rep {
		if c.Kind != lead.Dropped {
			t.Errorf("kind %s for %s", c.Kind, c.Path)
		}
		paths = append(paths, c.Path)
	}
	want := []string{"company_name", "description", "emails", "ids[0]", "interaction_count", "last_contacted_at", "name", "person", "status", "vendor.copper"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("dropped paths mismatch (-want +got):\n%s", diff)
	}
}
