package pipedrive

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func fullLead(t *testing.T, tr Translator) lead.Lead {
	t.Helper()
	l, _, err := tr.ToLead(mustDecode(t, testkit.MustRead(t, filepath.Join(corpus, "leads", "full.json"))))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestUpdateGolden builds PATCH bodies from edits of the full sample lead;
// where a sample body exists under update/, the result must equal it.
func TestUpdateGolden(t *testing.T) {
	tr := accountTranslator(t, PlanEssential)
	tests := []struct {
		name   string
		sample string // update/<sample>.json the body must equal, or ""
		edit   func(l *lead.Lead)
		prep   func(l *lead.Lead) // applied to before and after
	}{
		{"unchanged", "", func(*lead.Lead) {}, nil},
		{"title_only", "title_only", func(l *lead.Lead) { l.Title = "Brandt & Söhne – Analytics Cloud rollout (250 seats)" }, nil},
		{"archive", "archive", func(l *lead.Lead) { l.Archived, l.Seen = lead.Some(true), lead.Some(true) }, func(l *lead.Lead) { l.Seen = lead.Some(false) }},
		{"unset", "unset", func(l *lead.Lead) { l.Value, l.Person, l.ExpectedCloseDate, l.Labels = nil, nil, nil, nil }, nil},
		{"value_and_visibility", "", func(l *lead.Lead) {
			l.Value = &lead.Money{Amount: decimal.RequireFromString("19999.99"), Currency: "USD"}
			l.Visibility = lead.VisibilityOwnerAndFollowers
		}, nil},
		{"read_only_and_origin", "", func(l *lead.Lead) {
			s := *l.Source
			s.OriginID, s.Name = "other", "Other"
			l.Source = &s
			l.Owner = nil
			l.BCCEmail = "x@example.com"
		}, nil},
		{"custom_fields", "", func(l *lead.Lead) {
			l.CustomFields = append([]lead.CustomField(nil), l.CustomFields[1:]...)
			text := "NEW"
			l.CustomFields = append(l.CustomFields, lead.CustomField{Key: "pipedrive:8f7b7676d015b0dc2c63888f28f004817e6ddce7", Type: lead.FieldText, Text: &text})
		}, nil},
		{"no_person_or_org", "", func(l *lead.Lead) { l.Person, l.Organization = nil, nil }, nil},
		{"clear_title", "", func(l *lead.Lead) { l.Title = "" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fullLead(t, tr)
			after := fullLead(t, tr)
			if tt.prep != nil {
				tt.prep(&before)
				tt.prep(&after)
			}
			tt.edit(&after)
			req, rep, err := tr.UpdateRequest(before, after)
			got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
			if err == nil {
				got.Request = json.RawMessage(req.AppendJSON(nil))
			}
			golden.CheckJSON(t, filepath.Join(corpus, "update", tt.name+".golden.json"), got)
			if tt.sample != "" {
				want := testkit.MustRead(t, filepath.Join(corpus, "update", tt.sample+".json"))
				if out := req.AppendJSON(nil); !testkit.JSONEqual(out, want) {
					t.Errorf("UpdateRequest mismatch:\nwant %s\ngot  %s", want, out)
				}
			}
		})
	}
}

func TestUpdateRules(t *testing.T) {
	tr := Translator{Plan: PlanPremium}
	base := lead.Lead{Title: "t", Person: &lead.Ref{System: System, ID: "1"}}
	t.Run("neither person nor organization", func(t *testing.T) {
		after := base
		after.Person = nil
		_, _, err := tr.UpdateRequest(base, after)
		if !errors.Is(err, lead.ErrRequired) {
			t.Fatalf("err = %v, want required", err)
		}
	})
	t.Run("switch person to organization", func(t *testing.T) {
		after := base
		after.Person, after.Organization = nil, &lead.Ref{System: System, ID: "5"}
		req, _, err := tr.UpdateRequest(base, after)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(`{"person_id":null,"organization_id":5}`, string(req.AppendJSON(nil))); diff != "" {
			t.Errorf("body mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("origin_id reported", func(t *testing.T) {
		after := base
		after.Source = &lead.Source{OriginID: "x"}
		req, rep, err := tr.UpdateRequest(base, after)
		if err != nil || !req.IsEmpty() || len(rep) != 1 || rep[0].Path != "source.origin_id" {
			t.Fatalf("req %s rep %v err %v", req.AppendJSON(nil), rep, err)
		}
	})
}

// TestUpdateSamplesDecode: the sample PATCH bodies decode and re-encode to
// the same value; null where Pipedrive forbids it is an error.
func TestUpdateSamplesDecode(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus, "update", "*.json"))
	n := 0
	for _, f := range files {
		if filepath.Ext(f[:len(f)-len(".json")]) == ".golden" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			data := testkit.MustRead(t, f)
			var req UpdateLeadRequest
			if err := json.Unmarshal(data, &req); err != nil {
				t.Fatal(err)
			}
			if out := req.AppendJSON(nil); !testkit.JSONEqual(out, data) {
				t.Errorf("re-encode: %s", out)
			}
		})
	}
	if n == 0 {
		t.Fatal("no update samples")
	}
	var req UpdateLeadRequest
	err := json.Unmarshal([]byte(`{"title":null}`), &req)
	if !errors.Is(err, lead.ErrInvalid) {
		t.Errorf("title null: err = %v", err)
	}
}

// TestUpdateRequestCustomCurrency: a change to a custom currency the
// account's currencies do not list is sent and reported as unverified.
func TestUpdateRequestCustomCurrency(t *testing.T) {
	before := lead.Lead{Title: "t", Person: &lead.Ref{System: System, ID: "1"},
		Value: &lead.Money{Amount: decimal.New(1, 0), Currency: "EUR"}}
	for _, tt := range []struct {
		name       string
		tr         Translator
		code       string
		unverified bool
	}{
		{"listed", accountTranslator(t, PlanEssential), "BTC", false},
		{"not listed", accountTranslator(t, PlanEssential), "DOGE", true},
		{"no currencies", Translator{}, "BTC", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			after := before.Clone()
			after.Value.Currency, after.Value.CustomCurrency = tt.code, true
			req, rep, err := tt.tr.UpdateRequest(before, after)
			if err != nil {
				t.Fatal(err)
			}
			want := `{"value":{"amount":1,"currency":"` + tt.code + `"}}`
			if got := string(req.AppendJSON(nil)); got != want {
				t.Errorf("body = %s, want %s", got, want)
			}
			got := slices.ContainsFunc(rep, func(c lead.Change) bool { return c.Kind == lead.Unverified && c.Path == "value.currency" })
			if got != tt.unverified {
				t.Errorf("report %v; want unverified %v", rep, tt.unverified)
			}
		})
	}
}
