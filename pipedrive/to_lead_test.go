package pipedrive

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestToLeadGolden translates every sample lead with the zero Translator
// and with the account's definitions on each plan.
func TestToLeadGolden(t *testing.T) {
	names, data := corpusLeads(t)
	for _, cfg := range translators(t) {
		for i, name := range names {
			t.Run(name+"/"+cfg.name, func(t *testing.T) {
				in := mustDecode(t, data[i])
				l, rep, err := cfg.tr.ToLead(in)
				got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
				if err == nil {
					got.Lead = l
					if verr := l.Validate(); verr != nil {
						t.Errorf("ToLead produced an invalid lead: %v", verr)
					}
				} else {
					var list lead.ErrorList
					if !errors.As(err, &list) {
						t.Errorf("error is not a lead.ErrorList: %v", err)
					}
				}
				golden.CheckJSON(t, filepath.Join(corpus, "to_lead", name+"."+cfg.name+".golden.json"), got)
			})
		}
	}
}

func TestToLeadRules(t *testing.T) {
	const base = `"id":"2a4c6e80-fb57-11ea-8e1f-6d3b5a7c9e21","title":"T","person_id":1`
	defs := accountTranslator(t, PlanPremium)
	tests := []struct {
		name    string
		tr      Translator
		extra   string
		wantErr string // first error line; "" for success
		is      error
		check   func(t *testing.T, l lead.Lead, rep lead.Report)
	}{
		{name: "invalid uuid", extra: `,"label_ids":["nope"]`, wantErr: "label_ids[0]: uuid: invalid", is: lead.ErrInvalid},
		{name: "invalid lead id", extra: `,"label_ids":[]`, wantErr: "", check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if len(l.Labels) != 0 {
				t.Errorf("labels = %v, want none", l.Labels)
			}
		}},
		{name: "zero id", extra: `,"owner_id":0`, wantErr: "owner_id: min=1: invalid", is: lead.ErrInvalid},
		{name: "amount missing", extra: `,"value":{"currency":"EUR"}`, wantErr: "value.amount: required", is: lead.ErrRequired},
		{name: "currency missing", extra: `,"value":{"amount":1}`, wantErr: "value.currency: required", is: lead.ErrRequired},
		{name: "currency not ISO, account unknown", extra: `,"value":{"amount":1,"currency":"BTC"}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if !l.Value.CustomCurrency || l.Value.Currency != "BTC" || len(rep) != 1 || rep[0].Path != "value.currency" || rep[0].Kind != lead.Unverified {
				t.Errorf("value = %+v, report = %v; want BTC kept as custom and reported unverified", l.Value, rep)
			}
		}},
		{name: "currency custom in account", tr: defs, extra: `,"value":{"amount":0.00012345,"currency":"BTC"}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if !l.Value.CustomCurrency || l.Value.Currency != "BTC" || len(rep) != 0 {
				t.Errorf("value = %+v, report = %v; want BTC as custom, no report", l.Value, rep)
			}
		}},
		{name: "currency not in account", tr: defs, extra: `,"value":{"amount":1,"currency":"EURO"}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if !l.Value.CustomCurrency || len(rep) != 1 || rep[0].Kind != lead.Unverified {
				t.Errorf("value = %+v, report = %v; want EURO kept as custom and reported unverified", l.Value, rep)
			}
		}},
		{name: "currency ISO", tr: defs, extra: `,"value":{"amount":1,"currency":"JPY"}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if l.Value.CustomCurrency || len(rep) != 0 {
				t.Errorf("value = %+v, report = %v; want an ISO currency", l.Value, rep)
			}
		}},
		{name: "amount 1e400", extra: `,"value":{"amount":1e400,"currency":"EUR"}`, wantErr: "value.amount: at most 32 integer digits: invalid", is: lead.ErrInvalid},
		{name: "amount keeps scale", extra: `,"value":{"amount":1500.50,"currency":"EUR"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if got := lead.FormatDecimal(l.Value.Amount); got != "1500.50" {
				t.Errorf("amount = %s, want 1500.50", got)
			}
		}},
		{name: "amount -0 kept as written", extra: `,"value":{"amount":-0,"currency":"EUR"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if got := string(l.Vendor[System].AsWritten["value.amount"]); got != "-0" {
				t.Errorf("as written = %q, want -0", got)
			}
		}},
		{name: "bad date", extra: `,"expected_close_date":"2024-02-30"`, wantErr: "expected_close_date: want a date that exists: invalid", is: lead.ErrInvalid},
		{name: "bad time", extra: `,"add_time":"yesterday"`, wantErr: "add_time: want an ISO 8601 date-time: invalid", is: lead.ErrInvalid},
		{name: "time with offset", extra: `,"add_time":"2020-10-14T13:30:36.551+02:00"`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if got := l.CreatedAt.Format("2006-01-02T15:04:05.000Z07:00"); got != "2020-10-14T11:30:36.551Z" {
				t.Errorf("created_at = %s", got)
			}
		}},
		{name: "visible_to 3 unknown plan", extra: `,"visible_to":"3"`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if l.Visibility != "" || len(rep) != 1 || rep[0].Path != "visible_to" {
				t.Errorf("visibility %q report %v", l.Visibility, rep)
			}
		}},
		{name: "visible_to 7 unknown plan", extra: `,"visible_to":"7"`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Visibility != lead.VisibilityEntireCompany {
				t.Errorf("visibility = %q", l.Visibility)
			}
		}},
		{name: "visible_to 3 essential", tr: Translator{Plan: PlanEssential}, extra: `,"visible_to":"3"`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Visibility != lead.VisibilityEntireCompany {
				t.Errorf("visibility = %q", l.Visibility)
			}
		}},
		{name: "visible_to 3 premium", tr: Translator{Plan: PlanPremium}, extra: `,"visible_to":"3"`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Visibility != lead.VisibilityOwnerGroup {
				t.Errorf("visibility = %q", l.Visibility)
			}
		}},
		{name: "visible_to 5 essential", tr: Translator{Plan: PlanEssential}, extra: `,"visible_to":"5"`, wantErr: "visible_to: oneof=1 3 on the essential plan: invalid", is: lead.ErrInvalid},
		{name: "visible_to 9", extra: `,"visible_to":"9"`, wantErr: "visible_to: oneof=1 3 5 7: invalid", is: lead.ErrInvalid},
		{name: "cc_email not an email", extra: `,"cc_email":"nope"`, wantErr: "cc_email: email: invalid", is: lead.ErrInvalid},
		{name: "enum unknown option", tr: defs, extra: `,"d419c7723226db943c3ae353fb14628e90b401a6":"99"`, wantErr: "d419c7723226db943c3ae353fb14628e90b401a6: option id not in the field definition: invalid", is: lead.ErrInvalid},
		{name: "enum as number", tr: defs, extra: `,"d419c7723226db943c3ae353fb14628e90b401a6":62`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if cf := l.CustomFields[0]; cf.Options[0].Label != "Manufacturing" {
				t.Errorf("option = %v", cf.Options)
			}
		}},
		{name: "set unknown option", tr: defs, extra: `,"1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627":"71,99"`, wantErr: "1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627: option id not in the field definition: invalid", is: lead.ErrInvalid},
		{name: "monetary without currency", tr: defs, extra: `,"458bfed0a712755f6cace4d519d5269512e74f7b":5`, wantErr: "458bfed0a712755f6cace4d519d5269512e74f7b_currency: required", is: lead.ErrRequired},
		{name: "double as string", tr: defs, extra: `,"fab36728a78beb7e0787c0de2f960063bc67ba94":"12.50"`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if got := lead.FormatDecimal(*l.CustomFields[0].Number); got != "12.50" {
				t.Errorf("number = %s", got)
			}
		}},
		{name: "text field wrong type", tr: defs, extra: `,"a7ace732f6fadfa7e5c15b629362da5cc13da58a":5`, wantErr: "a7ace732f6fadfa7e5c15b629362da5cc13da58a: want string, got number", is: lead.ErrType},
		{name: "user as object", tr: defs, extra: `,"68e58909ccb2b416525a56c9a30f4300bbeeb636":{"id":7,"name":"x","value":7}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if r := l.CustomFields[0].Ref; r == nil || r.ID != "7" || l.CustomFields[0].Type != lead.FieldUser {
				t.Errorf("ref = %v", r)
			}
		}},
		{name: "user as object, key in capitals", tr: defs, extra: `,"68e58909ccb2b416525a56c9a30f4300bbeeb636":{"VALUE":7}`, wantErr: "68e58909ccb2b416525a56c9a30f4300bbeeb636: want integer id or object with value, got object", is: lead.ErrType},
		{name: "unknown key kept", extra: `,"TITLE":"x"`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if string(l.Vendor[System].Fields["TITLE"]) != `"x"` {
				t.Errorf("fields = %v", l.Vendor[System].Fields)
			}
		}},
		{name: "duplicate person_id", extra: `,"person_id":null`, wantErr: "person_id: duplicate key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := DecodeLead([]byte("{" + base + tt.extra + "}"))
			if err != nil {
				if tt.wantErr != "" && strings.HasPrefix(err.Error(), tt.wantErr) {
					return
				}
				t.Fatalf("DecodeLead: %v", err)
			}
			l, rep, err := tt.tr.ToLead(in)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ToLead: %v", err)
				}
				if verr := l.Validate(); verr != nil {
					t.Fatalf("invalid lead: %v", verr)
				}
				if tt.check != nil {
					tt.check(t, l, rep)
				}
				return
			}
			lines := testkit.ErrorLines(err)
			if len(lines) == 0 || lines[0] != tt.wantErr {
				t.Fatalf("ToLead error mismatch (-want +got):\n%s", cmp.Diff(tt.wantErr, strings.Join(lines, "\n")))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var fe *lead.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("no *lead.FieldError in %v", err)
			}
		})
	}
}

func TestToLeadNeedsTitlePersonOrOrganization(t *testing.T) {
	in := mustDecode(t, []byte(`{"id":"2a4c6e80-fb57-11ea-8e1f-6d3b5a7c9e21","title":"","person_id":null}`))
	_, _, err := Translator{}.ToLead(in)
	if !errors.Is(err, lead.ErrRequired) {
		t.Fatalf("ToLead error = %v, want required", err)
	}
}

func TestDecodeCurrencies(t *testing.T) {
	cs, err := DecodeCurrencies(testkit.MustRead(t, filepath.Join(corpus, "currencies.json")))
	if err != nil {
		t.Fatal(err)
	}
	m := NewCurrencyMap(cs)
	if c, ok := m["BTC"]; !ok || !c.IsCustomFlag || c.DecimalPoints != 8 {
		t.Errorf("BTC = %+v, %v", c, ok)
	}
	for _, tt := range []struct{ in, path string }{
		{`{"data":[{"id":1,"name":"x"}]}`, "data[0].code"},
		{`{"data":{}}`, "data"},
		{`{"data":[{"id":1,"code":"BTC"},{"id":"2","code":"PTS"}]}`, "data[1].id"},
		{`[`, ""}, // malformed: the whole document
	} {
		if _, err := DecodeCurrencies([]byte(tt.in)); err == nil {
			t.Errorf("DecodeCurrencies(%s) accepted it", tt.in)
		} else if fe := new(lead.FieldError); !errors.As(err, &fe) || fe.Path != tt.path || strings.Contains(err.Error(), "Go ") {
			t.Errorf("DecodeCurrencies(%s): %v; want an error at %q naming no Go type", tt.in, err, tt.path)
		}
	}
}

// TestDecodeExportsNamePaths: the account exports' errors name the
// element and key, never a Go struct field.
func TestDecodeExportsNamePaths(t *testing.T) {
	for name, tt := range map[string]struct {
		decode func([]byte) error
		in     string
	}{
		"dealFields": {func(b []byte) error { _, err := DecodeDealFields(b); return err },
			`{"success":true,"data":[{"id":1,"key":"a","name":"ok","field_type":"varchar"},{"id":2,"key":7,"name":"x","field_type":1}]}`},
		"leadLabels": {func(b []byte) error { _, err := DecodeLeadLabels(b); return err },
			`{"success":true,"data":[{"id":"f08b42a0-4e75-11ea-9643-03698ef1cfd6","name":"ok","color":"red"},{"id":"x","name":"Hot","color":1}]}`},
	} {
		err := tt.decode([]byte(tt.in))
		var list lead.ErrorList
		if !errors.As(err, &list) || len(list) == 0 || !strings.HasPrefix(list[0].Path, "data[1].") || strings.Contains(err.Error(), "Go ") {
			t.Errorf("%s: %v; want errors under data[1] naming no Go type", name, err)
		}
	}
}
