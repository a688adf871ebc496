package pipedrive

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestFromLeadGolden builds the POST body for every sample lead, read
// with the premium account's definitions.
func TestFromLeadGolden(t *testing.T) {
	names, data := corpusLeads(t)
	tr := accountTranslator(t, PlanPremium)
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			l, _, err := tr.ToLead(mustDecode(t, data[i]))
			if err != nil {
				t.Skipf("ToLead: %v", err)
			}
			req, rep, err := tr.FromLead(l)
			got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
			if err == nil {
				got.Request = json.RawMessage(req.AppendJSON(nil))
			}
			golden.CheckJSON(t, filepath.Join(corpus, "from_lead", name+".golden.json"), got)
		})
	}
}

// TestCreateSamples: each sample POST body decodes, re-encodes to the same
// value, and survives body → Lead → FromLead.
func TestCreateSamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus, "create", "*.json"))
	if len(files) == 0 {
		t.Fatal("no create samples")
	}
	tr := accountTranslator(t, PlanPremium)
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			data := testkit.MustRead(t, f)
			var req AddLeadRequest
			if err := json.Unmarshal(data, &req); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if out := req.AppendJSON(nil); !testkit.JSONEqual(out, data) {
				t.Fatalf("re-encode changed the body:\n%s", out)
			}
			l, _, err := tr.ToLead(mustDecode(t, data))
			if err != nil {
				t.Fatalf("ToLead: %v", err)
			}
			again, rep, err := tr.FromLead(l)
			if err != nil || len(rep) > 0 {
				t.Fatalf("FromLead: %v %v", rep, err)
			}
			if out := again.AppendJSON(nil); !testkit.JSONEqual(out, data) {
				t.Fatalf("body → lead → body changed it:\nwant %s\ngot  %s", data, out)
			}
		})
	}
}

func TestFromLeadRules(t *testing.T) {
	person := &lead.Ref{System: System, ID: "1"}
	tests := []struct {
		name    string
		tr      Translator
		l       lead.Lead
		wantErr []string
		is      error
	}{
		{name: "title required", l: lead.Lead{Person: person}, wantErr: []string{"title: required"}, is: lead.ErrRequired},
		{name: "person or organization", l: lead.Lead{Title: "t"}, wantErr: []string{"person_id: person_id or organization_id required"}, is: lead.ErrRequired},
		{name: "copper person", l: lead.Lead{Title: "t", Person: &lead.Ref{System: "copper", ID: "1"}}, wantErr: []string{"person_id: want a pipedrive integer id: not representable in the target"}, is: lead.ErrUnsupported},
		{name: "non-integer organization", l: lead.Lead{Title: "t", Organization: &lead.Ref{System: System, ID: "x"}}, wantErr: []string{"organization_id: want a pipedrive integer id: not representable in the target"}, is: lead.ErrUnsupported},
		{name: "value without currency", l: lead.Lead{Title: "t", Person: person, Value: &lead.Money{Amount: decimal.New(1, 0)}}, wantErr: []string{"value.currency: required"}, is: lead.ErrRequired},
		{name: "owner only on essential", tr: Translator{Plan: PlanEssential}, l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityOwnerOnly}, wantErr: []string{"visible_to: visibility owner_only not expressible on the essential plan: not representable in the target"}, is: lead.ErrUnsupported},
		{name: "entire company on unknown plan", l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityEntireCompany}, wantErr: []string{"visible_to: visibility entire_company not expressible on the unknown plan: not representable in the target"}, is: lead.ErrUnsupported},
		// On the unknown plan "1" and "3" mean other visibilities on other
		// plans: "3" for owner_group is the entire company on Essential.
		{name: "owner only on unknown plan", l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityOwnerOnly}, wantErr: []string{"visible_to: visibility owner_only not expressible on the unknown plan: not representable in the target"}, is: lead.ErrUnsupported},
		{name: "followers on unknown plan", l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityOwnerAndFollowers}, wantErr: []string{"visible_to: visibility owner_and_followers not expressible on the unknown plan: not representable in the target"}, is: lead.ErrUnsupported},
		{name: "owner group on unknown plan", l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityOwnerGroup}, wantErr: []string{"visible_to: visibility owner_group not expressible on the unknown plan: not representable in the target"}, is: lead.ErrUnsupported},
		{name: "group and subgroups on unknown plan", l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityGroupAndSubgroups}},
		{name: "entire company on essential", tr: Translator{Plan: PlanEssential}, l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityEntireCompany}},
		{name: "followers on premium", tr: Translator{Plan: PlanPremium}, l: lead.Lead{Title: "t", Person: person, Visibility: lead.VisibilityOwnerAndFollowers}, wantErr: []string{"visible_to: visibility owner_and_followers not expressible on the premium plan: not representable in the target"}, is: lead.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := tt.tr.FromLead(tt.l)
			if diff := cmp.Diff(tt.wantErr, testkit.ErrorLines(err)); diff != "" {
				t.Fatalf("FromLead errors mismatch (-want +got):\n%s", diff)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
		})
	}
}

func TestFromLeadReportsReadOnly(t *testing.T) {
	tr := accountTranslator(t, PlanPremium)
	names, data := corpusLeads(t)
	for i, name := range names {
		if name != "full" {
			continue
		}
		l, _, err := tr.ToLead(mustDecode(t, data[i]))
		if err != nil {
			t.Fatal(err)
		}
		_, rep, err := tr.FromLead(l)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, c := range rep {
			paths = append(paths, c.Path)
		}
		// is_archived false is what a new lead is: nothing is lost.
		if slices.Contains(paths, "archived") != l.Archived.Value {
			t.Errorf("report %v: archived listed %t, is_archived %t", paths, slices.Contains(paths, "archived"), l.Archived.Value)
		}
		for _, want := range []string{"ids", "creator", "created_at", "modified_at", "source.name", "source.origin", "bcc_email"} {
			found := false
			for _, p := range paths {
				found = found || p == want
			}
			if !found {
				t.Errorf("report %v lacks %s", paths, want)
			}
		}
	}
}
