package lead_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func TestValidate(t *testing.T) {
	dec := decimal.RequireFromString
	text := "x"
	tests := []struct {
		name  string
		edit  func(l *lead.Lead)
		want  []string // error lines; nil for a valid lead
		cause error
	}{
		{"full lead is valid", func(l *lead.Lead) {}, nil, nil},
		{"title alone is valid", func(l *lead.Lead) { *l = testkit.MinLead() }, nil, nil},
		{"company alone is valid", func(l *lead.Lead) { *l = lead.Lead{CompanyName: "Acme"} }, nil, nil},
		{"phone alone is valid", func(l *lead.Lead) { *l = lead.Lead{Phones: []lead.Phone{{Number: "1"}}} }, nil, nil},
		{"nothing to call it by", func(l *lead.Lead) { *l = lead.Lead{Description: "d"} },
			[]string{"(root): one of title, name, company_name, person, organization, emails, phone_numbers is required"}, lead.ErrRequired},
		{"bad email", func(l *lead.Lead) { l.Emails[0].Address = "jane@" },
			[]string{"emails[0].address: email: invalid"}, lead.ErrInvalid},
		{"empty email", func(l *lead.Lead) { l.Emails = append(l.Emails, lead.Email{Category: "work"}) },
			[]string{"emails[1].address: required"}, lead.ErrRequired},
		{"empty phone", func(l *lead.Lead) { l.Phones[1].Number = "" },
			[]string{"phone_numbers[1].number: required"}, lead.ErrRequired},
		{"empty social", func(l *lead.Lead) { l.Socials[0].URL = "" },
			[]string{"socials[0].url: required"}, lead.ErrRequired},
		{"empty website", func(l *lead.Lead) { l.Websites[0].URL = "" },
			[]string{"websites[0].url: required"}, lead.ErrRequired},
		{"unknown currency", func(l *lead.Lead) { l.Value.Currency = "EURO" },
			[]string{"value.currency: iso4217: invalid"}, lead.ErrInvalid},
		{"lowercase currency", func(l *lead.Lead) { l.Value.Currency = "eur" },
			[]string{"value.currency: iso4217: invalid"}, lead.ErrInvalid},
		{"custom currency is valid", func(l *lead.Lead) { l.Value.Currency, l.Value.CustomCurrency = "BTC", true }, nil, nil},
		{"custom currency unmarked", func(l *lead.Lead) { l.Value.Currency = "BTC" },
			[]string{"value.currency: iso4217: invalid"}, lead.ErrInvalid},
		{"custom currency empty", func(l *lead.Lead) { l.Value.Currency, l.Value.CustomCurrency = "", true },
			[]string{"value.currency: required"}, lead.ErrRequired},
		{"custom-field money in a custom currency", func(l *lead.Lead) {
			l.CustomFields[0].Money.Currency, l.CustomFields[0].Money.CustomCurrency = "PTS", true
		}, nil, nil},
		{"custom-field money unmarked", func(l *lead.Lead) { l.CustomFields[0].Money.Currency = "PTS" },
			[]string{"custom_fields[0].money.currency: iso4217: invalid"}, lead.ErrInvalid},
		{"money without currency", func(l *lead.Lead) { l.Value.Currency = "" },
			[]string{"value.currency: required"}, lead.ErrRequired},
		{"amount too large", func(l *lead.Lead) { l.Value.Amount = dec("1e40") },
			[]string{"value.amount: at most 32 integer digits: invalid"}, lead.ErrInvalid},
		{"amount too fine", func(l *lead.Lead) { l.Value.Amount = dec("1e-40") },
			[]string{"value.amount: at most 32 decimals: invalid"}, lead.ErrInvalid},
		{"30-digit amount is valid", func(l *lead.Lead) { l.Value.Amount = dec("123456789012345678901234567890") }, nil, nil},
		{"date that does not exist", func(l *lead.Lead) { l.ExpectedCloseDate = &lead.Date{Year: 2027, Month: 2, Day: 29} },
			[]string{"expected_close_date: date: invalid"}, lead.ErrInvalid},
		{"unknown status", func(l *lead.Lead) { l.Status = "Junk" },
			[]string{"status: oneof=new unqualified contacted qualified: invalid"}, lead.ErrInvalid},
		{"unknown visibility", func(l *lead.Lead) { l.Visibility = "3" },
			[]string{"visibility: oneof=owner_only owner_and_followers owner_group owner_group_and_subgroups entire_company: invalid"}, lead.ErrInvalid},
		{"bad bcc", func(l *lead.Lead) { l.BCCEmail = "nope" },
			[]string{"bcc_email: email: invalid"}, lead.ErrInvalid},
		{"time not in UTC", func(l *lead.Lead) { l.CreatedAt = l.CreatedAt.In(time.FixedZone("CET", 3600)) },
			[]string{"created_at: utc: invalid"}, lead.ErrInvalid},
		{"time beyond 9999", func(l *lead.Lead) { l.ModifiedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
			[]string{"modified_at: year 1 to 9999: invalid"}, lead.ErrInvalid},
		{"negative interaction count", func(l *lead.Lead) { l.InteractionCount = lead.Some[int64](-1) },
			[]string{"interaction_count: min=0: invalid"}, lead.ErrInvalid},
		{"ref without id", func(l *lead.Lead) { l.Owner.ID = "" },
			[]string{"owner.id: required"}, lead.ErrRequired},
		{"ref without system", func(l *lead.Lead) { l.Source.Channel.System = "" },
			[]string{"source.channel.system: required"}, lead.ErrRequired},
		{"two ids of one system", func(l *lead.Lead) { l.IDs = append(l.IDs, lead.Ref{System: "copper", ID: "1"}) },
			[]string{"ids[2].system: unique: invalid"}, lead.ErrInvalid},
		{"label without name or ref", func(l *lead.Lead) { l.Labels = append(l.Labels, lead.Label{Color: "red"}) },
			[]string{"labels[2].name: required without ref"}, lead.ErrRequired},
		{"custom field without key", func(l *lead.Lead) { l.CustomFields[1].Key = "" },
			[]string{"custom_fields[1].key: required"}, lead.ErrRequired},
		{"custom field of unknown type", func(l *lead.Lead) { l.CustomFields[1].Type = "float" },
			[]string{"custom_fields[1].type: oneof=text number money date datetime bool option options url user person organization raw: invalid"}, lead.ErrInvalid},
		{"duplicate custom field key", func(l *lead.Lead) { l.CustomFields[2].Key = "seats" },
			[]string{"custom_fields[2].key: unique: invalid"}, lead.ErrInvalid},
		{"value of another type", func(l *lead.Lead) { l.CustomFields[1].Text = &text },
			[]string{"custom_fields[1].text: excluded for type number: invalid"}, lead.ErrInvalid},
		{"custom money without currency", func(l *lead.Lead) { l.CustomFields[0].Money.Currency = "" },
			[]string{"custom_fields[0].money.currency: required"}, lead.ErrRequired},
		{"custom money bad currency", func(l *lead.Lead) { l.CustomFields[0].Money.Currency = "ABC" },
			[]string{"custom_fields[0].money.currency: iso4217: invalid"}, lead.ErrInvalid},
		{"single option with two", func(l *lead.Lead) {
			l.CustomFields[6].Options = append(l.CustomFields[6].Options, lead.Option{ID: "4"})
		},
			[]string{"custom_fields[6].options: max=1: invalid"}, lead.ErrInvalid},
		{"empty option", func(l *lead.Lead) { l.CustomFields[7].Options[1] = lead.Option{} },
			[]string{"custom_fields[7].options[1]: id or label required"}, lead.ErrRequired},
		{"raw that is not JSON", func(l *lead.Lead) { l.CustomFields[10].Raw = []byte("{") },
			[]string{"custom_fields[10].raw: json: invalid"}, lead.ErrInvalid},
		{"unset custom field is valid", func(l *lead.Lead) { l.CustomFields[1].Number = nil }, nil, nil},
		{"several at once, sorted", func(l *lead.Lead) {
			l.Value.Currency = "XX"
			l.Phones[0].Number = ""
			l.Emails[0].Address = "bad"
		}, []string{
			"emails[0].address: email: invalid",
			"phone_numbers[0].number: required",
			"value.currency: iso4217: invalid",
		}, lead.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testkit.FullLead()
			tt.edit(&l)
			err := l.Validate()
			if diff := cmp.Diff(tt.want, testkit.ErrorLines(err)); diff != "" {
				t.Fatalf("Validate() mismatch (-want +got):\n%s", diff)
			}
			if tt.cause == nil {
				return
			}
			if !errors.Is(err, tt.cause) {
				t.Errorf("errors.Is(err, %v) = false for %v", tt.cause, err)
			}
			var fe *lead.FieldError
			if !errors.As(err, &fe) || fe.Rule == "" {
				t.Errorf("errors.As(err, *FieldError) failed or empty rule: %v", err)
			}
		})
	}
}

func TestFieldErrorRedacted(t *testing.T) {
	fe := &lead.FieldError{Path: "value.amount", Rule: "want a JSON number", Err: errors.New(`parsing "secret"`)}
	if got, want := fe.Error(), `value.amount: want a JSON number: parsing "secret"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := fe.Redacted(), "value.amount: want a JSON number"; got != want {
		t.Errorf("Redacted() = %q, want %q", got, want)
	}
	list := lead.ErrorList{fe, {Path: "title", Rule: "required", Err: lead.ErrRequired}}
	if got, want := list.Redacted(), "value.amount: want a JSON number\ntitle: required"; got != want {
		t.Errorf("ErrorList.Redacted() = %q, want %q", got, want)
	}
}

func TestErrorListAppend(t *testing.T) {
	var inner lead.ErrorList
	inner.Add("[2].number", "required", lead.ErrRequired)
	inner.Add("", "want object, got string", lead.ErrType)
	var l lead.ErrorList
	l.Append("phone_numbers", inner)
	l.Append("value", &lead.FieldError{Path: "amount", Rule: "want a JSON number", Err: lead.ErrType})
	l.Append("x", errors.New("boom"))
	l.Append("y", nil)
	want := []string{
		"phone_numbers: want object, got string: wrong JSON type",
		"phone_numbers[2].number: required",
		"value.amount: want a JSON number: wrong JSON type",
		"x: invalid: boom",
	}
	if diff := cmp.Diff(want, testkit.ErrorLines(l.Err())); diff != "" {
		t.Errorf("Append mismatch (-want +got):\n%s", diff)
	}
	if (lead.ErrorList{}).Err() != nil {
		t.Error("empty ErrorList.Err() != nil")
	}
}
