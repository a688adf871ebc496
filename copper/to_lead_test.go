package copper

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func TestToLeadGolden(t *testing.T) {
	for name, data := range corpus(t) {
		for cfg, tr := range translators(t) {
			t.Run(name+"/"+cfg, func(t *testing.T) {
				in, err := DecodeLead(data)
				if err != nil {
					t.Fatalf("DecodeLead: %v", err)
				}
				l, rep, err := tr.ToLead(in)
				got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
				if err == nil {
					got.Lead = &l
					if verr := l.Validate(); verr != nil {
						t.Errorf("ToLead output is invalid: %v", verr)
					}
				}
				golden.CheckJSON(t, "../testdata/copper/to_lead/"+name+"."+cfg+".golden.json", got)
			})
		}
	}
}

// TestRoundTripCorpus: ToLead, then LeadObject, gives back the input's JSON
// value: every key, null and unknown key, with absent keys left absent.
func TestRoundTripCorpus(t *testing.T) {
	for name, data := range corpus(t) {
		for cfg, tr := range translators(t) {
			t.Run(name+"/"+cfg, func(t *testing.T) {
				in, err := DecodeLead(data)
				if err != nil {
					t.Fatal(err)
				}
				out, _, err := roundTrip(tr, in)
				if err != nil {
					t.Skipf("not translatable with this configuration: %v", err)
				}
				if !testkit.JSONEqual(data, out) {
					t.Errorf("round trip changed the lead:\n in: %s\nout: %s", compact(data), out)
				}
				if cfg == "account" {
					var v any
					_ = json.Unmarshal(out, &v)
					golden.Check(t, "../testdata/copper/roundtrip/"+name+".golden.json", golden.MarshalIndent(t, json.RawMessage(out)))
				}
			})
		}
	}
}

func compact(b []byte) string {
	var sb strings.Builder
	for _, c := range string(b) {
		if c != '\n' && c != ' ' {
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

func TestToLeadRules(t *testing.T) {
	tr := account(t) // America/Los_Angeles
	utc := tr
	utc.Location = nil
	tokyo := tr
	tokyo.Location = mustLoad(t, "Asia/Tokyo")
	dateIs := func(want string, wantRep ...lead.Change) func(t *testing.T, l lead.Lead, rep lead.Report) {
		return func(t *testing.T, l lead.Lead, rep lead.Report) {
			t.Helper()
			f := l.CustomFields[0]
			if f.Type != lead.FieldDate || f.Date == nil || f.Date.String() != want {
				t.Errorf("field %+v, want date %s", f, want)
			}
			if diff := cmp.Diff(lead.Report(wantRep), rep, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("report mismatch (-want +got):\n%s", diff)
			}
		}
	}
	date := func(v string) string {
		return `{"name":"A","custom_fields":[{"custom_field_definition_id":420105,"value":` + v + `}]}`
	}
	tests := []struct {
		name  string
		tr    Translator
		in    string
		check func(t *testing.T, l lead.Lead, rep lead.Report)
		err   string // first error line, if an error is wanted
		is    error  // its cause
	}{
		{name: "id", in: `{"id":123,"name":"A"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			want := []lead.Ref{{System: "copper", ID: "123"}}
			if diff := cmp.Diff(want, l.IDs); diff != "" {
				t.Errorf("IDs mismatch (-want +got):\n%s", diff)
			}
		}},
		{name: "name parts kept, never split", in: `{"name":"Ana María García","first_name":"Ana"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			want := lead.Name{Full: "Ana María García", First: "Ana"}
			if l.Name != want {
				t.Errorf("Name = %+v, want %+v", l.Name, want)
			}
		}},
		{name: "title is the job title", in: `{"name":"A","title":"CTO"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.JobTitle != "CTO" || l.Title != "" {
				t.Errorf("JobTitle %q Title %q", l.JobTitle, l.Title)
			}
		}},
		{name: "unknown category kept", in: `{"name":"A","phone_numbers":[{"number":"1","category":"fax"}],"email":{"email":"a@b.example","category":"work"}}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Phones[0].Category != "fax" || l.Emails[0].Category != lead.CategoryWork {
				t.Errorf("categories %q %q", l.Phones[0].Category, l.Emails[0].Category)
			}
		}},
		{name: "money exact", in: `{"name":"A","monetary_value":1500.50,"monetary_unit":"EUR"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Value == nil || lead.FormatDecimal(l.Value.Amount) != "1500.50" || l.Value.Currency != "EUR" {
				t.Errorf("Value = %+v", l.Value)
			}
		}},
		{name: "no unit, default currency", tr: Translator{DefaultCurrency: "USD"}, in: `{"name":"A","monetary_value":5}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if l.Value == nil || l.Value.Currency != "USD" || !rep.Has(lead.Defaulted) {
				t.Errorf("Value = %+v report %v", l.Value, rep)
			}
		}},
		{name: "no unit, no default", in: `{"name":"A","monetary_value":5}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			if l.Value != nil || !rep.Has(lead.Dropped) || string(l.Vendor["copper"].AsWritten["monetary_value"]) != "5" {
				t.Errorf("Value = %+v report %v vendor %+v", l.Value, rep, l.Vendor)
			}
		}},
		{name: "documented status", in: `{"name":"A","status":"Qualified","status_id":7}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Status != lead.StatusQualified || l.StatusRef == nil || l.StatusRef.ID != "7" || l.StatusName != "" {
				t.Errorf("status %q %v %q", l.Status, l.StatusRef, l.StatusName)
			}
		}},
		{name: "account status", tr: tr, in: `{"name":"A","status":"Junk"}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if l.Status != "" || l.StatusName != "Junk" {
				t.Errorf("status %q name %q", l.Status, l.StatusName)
			}
		}},
		{name: "status without the account's list", in: `{"name":"A","status":"Open"}`, check: func(t *testing.T, l lead.Lead, rep lead.Report) {
			want := lead.Report{{Path: "status", Kind: lead.Unverified, Reason: "not one of the documented statuses and no account lead_statuses were given: kept as written"}}
			if l.Status != "" || l.StatusName != "Open" {
				t.Errorf("status %q name %q", l.Status, l.StatusName)
			}
			if diff := cmp.Diff(want, rep); diff != "" {
				t.Errorf("report mismatch (-want +got):\n%s", diff)
			}
		}},
		{name: "status not in the account's list", tr: tr, in: `{"name":"A","status":"Open"}`, err: "status: oneof=", is: lead.ErrInvalid},
		{name: "status is case-sensitive", tr: tr, in: `{"name":"A","status":"new"}`, err: "status: oneof=", is: lead.ErrInvalid},
		{name: "tags", in: `{"name":"A","tags":["x","y"]}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if len(l.Labels) != 2 || l.Labels[1].Name != "y" {
				t.Errorf("Labels = %v", l.Labels)
			}
		}},
		{name: "dates UTC", in: `{"name":"A","date_created":1700000000,"date_last_contacted":-1}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if !l.CreatedAt.Equal(time.Unix(1700000000, 0)) || l.CreatedAt.Location() != time.UTC || l.LastContactedAt.Unix() != -1 {
				t.Errorf("dates %v %v", l.CreatedAt, l.LastContactedAt)
			}
		}},
		{name: "raw custom value", in: `{"name":"A","custom_fields":[{"custom_field_definition_id":5,"value":[1, "x"]}]}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			f := l.CustomFields[0]
			if f.Key != "copper:5" || f.Type != lead.FieldRaw || string(f.Raw) != `[1,"x"]` {
				t.Errorf("field %+v raw %s", f, f.Raw)
			}
		}},
		{name: "dropdown", tr: tr, in: `{"name":"A","custom_fields":[{"custom_field_definition_id":420103,"value":611004}]}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			want := []lead.Option{{ID: "611004", Label: "Retail"}}
			if diff := cmp.Diff(want, l.CustomFields[0].Options); diff != "" || l.CustomFields[0].Type != lead.FieldOption {
				t.Errorf("options mismatch (-want +got):\n%s", diff)
			}
		}},
		{name: "dropdown unknown option", tr: tr, in: `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":null},{"custom_field_definition_id":420103,"value":42}]}`, err: "custom_fields[1].value: option id", is: lead.ErrInvalid},
		{name: "multiselect unknown option", tr: tr, in: `{"name":"A","custom_fields":[{"custom_field_definition_id":420104,"value":[611101,1]}]}`, err: "custom_fields[0].value[1]: option id", is: lead.ErrInvalid},
		{name: "text wants string", tr: tr, in: `{"name":"A","custom_fields":[{"custom_field_definition_id":420101,"value":5}]}`, err: "custom_fields[0].value: want string, got number", is: lead.ErrType},
		{name: "date, Los Angeles", tr: tr, in: date(`1723618800`), check: dateIs("2024-08-14")},
		{name: "date, Tokyo", tr: tokyo, in: date(`1723561200`), check: dateIs("2024-08-14")},
		{name: "date, no time zone", tr: utc, in: date(`1723593600`), check: dateIs("2024-08-14",
			lead.Change{Path: "custom_fields[0].value", Kind: lead.Defaulted, Reason: "no account time zone: the calendar day is taken in UTC"})},
		{name: "date, not midnight", tr: tr, in: date(`1723593600`), check: dateIs("2024-08-13",
			lead.Change{Path: "custom_fields[0].value", Kind: lead.Changed, Reason: "not midnight in the account's time zone: the time of day was dropped"})},
		{name: "date mm/dd/yyyy", tr: tr, in: date(`"08/14/2024"`), check: dateIs("2024-08-14")},
		{name: "date m/d/yyyy", tr: utc, in: date(`"8/4/2024"`), check: dateIs("2024-08-04")},
		{name: "date mm/dd/yyyy that does not exist", tr: tr, in: date(`"02/30/2024"`), err: "custom_fields[0].value: a date mm/dd/yyyy that exists", is: lead.ErrInvalid},
		{name: "date yyyy-mm-dd", tr: tr, in: date(`"2024-08-14"`), err: "custom_fields[0].value: a date mm/dd/yyyy", is: lead.ErrInvalid},
		{name: "date bool", tr: tr, in: date(`true`), err: "custom_fields[0].value: want Unix seconds or mm/dd/yyyy, got bool", is: lead.ErrType},
		{name: "checkbox false is a value", tr: tr, in: `{"name":"A","custom_fields":[{"custom_field_definition_id":420106,"value":false}]}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			if b := l.CustomFields[0].Bool; b == nil || *b {
				t.Errorf("Bool = %v", b)
			}
		}},
		{name: "currency field", tr: tr, in: `{"name":"A","custom_fields":[{"custom_field_definition_id":420109,"value":12.50}]}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			f := l.CustomFields[0]
			if f.Type != lead.FieldMoney || f.Money == nil || !f.Money.Amount.Equal(decimal.RequireFromString("12.5")) || f.Money.Currency != "USD" {
				t.Errorf("field %+v", f)
			}
		}},
		{name: "invalid email", in: `{"name":"A","email":{"email":"nope","category":"work"}}`, err: "email.email: email", is: lead.ErrInvalid},
		{name: "invalid currency", in: `{"name":"A","monetary_value":1,"monetary_unit":"EURO"}`, err: "monetary_unit: iso4217", is: lead.ErrInvalid},
		{name: "empty phone number", in: `{"name":"A","phone_numbers":[{"number":"","category":"work"}]}`, err: "phone_numbers[0].number: required", is: lead.ErrRequired},
		{name: "date out of range", in: `{"name":"A","date_created":99999999999999}`, err: "date_created: Unix seconds", is: lead.ErrInvalid},
		{name: "negative interaction count", in: `{"name":"A","interaction_count":-1}`, err: "interaction_count: min=0", is: lead.ErrInvalid},
		{name: "undocumented keys carried whatever their type", in: `{"name":"A","converted_value":"4950.28","converted_unit":7,"converted_at":{"x":[1]}}`, check: func(t *testing.T, l lead.Lead, _ lead.Report) {
			f := l.Vendor["copper"].Fields
			if string(f["converted_value"]) != `"4950.28"` || string(f["converted_unit"]) != `7` || string(f["converted_at"]) != `{"x":[1]}` {
				t.Errorf("vendor fields %s", f)
			}
		}},
		{name: "missing definition id", in: `{"name":"A","custom_fields":[{"value":1}]}`, err: "custom_fields[0].custom_field_definition_id: required", is: lead.ErrRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := DecodeLead([]byte(tt.in))
			if err != nil {
				t.Fatalf("DecodeLead: %v", err)
			}
			l, rep, err := tt.tr.ToLead(in)
			if tt.err != "" {
				var list lead.ErrorList
				var fe *lead.FieldError
				if !errors.As(err, &list) || !errors.As(err, &fe) || !errors.Is(err, tt.is) {
					t.Fatalf("ToLead error = %v, want a lead.ErrorList wrapping %v", err, tt.is)
				}
				if !strings.HasPrefix(list[0].Error(), tt.err) {
					t.Errorf("error = %q, want prefix %q", list[0].Error(), tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ToLead: %v", err)
			}
			tt.check(t, l, rep)
			// Every rule also round-trips.
			out, _, err := roundTrip(tt.tr, in)
			if err != nil || !testkit.JSONEqual([]byte(tt.in), out) {
				t.Errorf("round trip: %v\n in: %s\nout: %s", err, tt.in, out)
			}
		})
	}
}

// TestToLeadReportsEveryError: one broken rule never hides another; paths
// name the Copper keys, custom fields by their own index.
func TestToLeadReportsEveryError(t *testing.T) {
	in, err := DecodeLead([]byte(`{"name":"A","status":"Nope","email":{"email":"nope","category":"work"},
		"monetary_value":1,"monetary_unit":"EURO",
		"custom_fields":[{"custom_field_definition_id":420101,"value":5},{"custom_field_definition_id":420109,"value":1.5}],
		"phone_numbers":[{"number":""}]}`))
	if err != nil {
		t.Fatal(err)
	}
	tr := account(t)
	tr.Definitions = append(tr.Definitions, CustomFieldDefinition{ID: 9, Name: "bad", DataType: "Currency", Currency: "EURO"})
	in.CustomFields.Value[1].DefinitionID = Set[int64](9)
	_, _, err = tr.ToLead(in)
	want := []string{
		"custom_fields[0].value: want string, got number: wrong JSON type",
		"custom_fields[1].value: iso4217: invalid",
		"email.email: email: invalid",
		"monetary_unit: iso4217: invalid",
		"phone_numbers[0].number: required",
		"status: oneof=New Unqualified Contacted Qualified or a status in the account's lead_statuses.json: invalid",
	}
	if diff := cmp.Diff(want, testkit.ErrorLines(err)); diff != "" {
		t.Errorf("ToLead errors mismatch (-want +got):\n%s", diff)
	}
}
