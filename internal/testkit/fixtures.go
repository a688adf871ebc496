package testkit

import (
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/lead"
)

// MinLead is the smallest valid Lead: a title.
func MinLead() lead.Lead { return lead.Lead{Title: "Acme renewal"} }

// FullLead sets every field of a Lead, with values that exercise the JSON
// encoding: a scale that must survive (1500.50), sub-second timestamps,
// unicode, a raw vendor field.
func FullLead() lead.Lead {
	amount := decimal.RequireFromString("1500.50")
	num := decimal.RequireFromString("42.000")
	text := "Ünïcödé – 東京 \"quoted\" <b>&"
	yes := true
	return lead.Lead{
		IDs:   []lead.Ref{{System: "pipedrive", ID: "adf21080-0e10-11eb-879b-05d71fb426ec"}, {System: "copper", ID: "8982702"}},
		Title: "Acme – renewal 2027",
		Name: lead.Name{Full: "Dr. Jane Q. Doe Jr.", Prefix: "Dr.", First: "Jane", Middle: "Q.",
			Last: "Doe", Suffix: "Jr."},
		JobTitle: "Head of Procurement",
		Emails:   []lead.Email{{Address: "jane@example.com", Category: lead.CategoryWork}},
		Phones: []lead.Phone{{Number: "+49 30 123456", Category: lead.CategoryMobile},
			{Number: "415-555-0100", Category: "fax"}},
		Socials:  []lead.Social{{URL: "https://www.linkedin.com/in/janedoe", Category: lead.CategoryLinkedIn}},
		Websites: []lead.Website{{URL: "https://acme.example", Category: lead.CategoryWork}},
		Address: &lead.Address{Street: "1 Main St", City: "Springfield", State: "IL",
			PostalCode: "62701", Country: "US"},
		CompanyName:       "Acme GmbH",
		Person:            &lead.Ref{System: "pipedrive", ID: "1"},
		Organization:      &lead.Ref{System: "pipedrive", ID: "2"},
		Owner:             &lead.Ref{System: "pipedrive", ID: "12345"},
		Creator:           &lead.Ref{System: "pipedrive", ID: "12345"},
		Value:             &lead.Money{Amount: amount, Currency: "EUR"},
		ExpectedCloseDate: &lead.Date{Year: 2027, Month: time.March, Day: 31},
		Status:            lead.StatusContacted,
		StatusRef:         &lead.Ref{System: "copper", ID: "208231"},
		Archived:          lead.Some(false),
		Seen:              lead.Some(true),
		Labels: []lead.Label{{Name: "Hot", Ref: &lead.Ref{System: "pipedrive", ID: "f08b42a0-4e75-11ea-9643-03698ef1cfd6"}, Color: "red"},
			{Name: "Conference"}},
		Source: &lead.Source{Name: "API", Origin: "API", OriginID: "crm-sync", Channel: &lead.Ref{System: "pipedrive", ID: "7"},
			ChannelID: "spring-campaign", CustomerSource: &lead.Ref{System: "copper", ID: "331242"}},
		Visibility:       lead.VisibilityEntireCompany,
		Description:      text,
		CreatedAt:        time.Date(2020, 10, 14, 11, 30, 36, 551_000_000, time.UTC),
		ModifiedAt:       time.Date(2021, 1, 2, 3, 4, 5, 0, time.UTC),
		LastContactedAt:  time.Date(2021, 2, 3, 4, 5, 6, 123_456_789, time.UTC),
		NextActivity:     &lead.Ref{System: "pipedrive", ID: "99"},
		InteractionCount: lead.Some[int64](0),
		BCCEmail:         "acme+deal1@pipedrivemail.com",
		CustomFields: []lead.CustomField{
			{Key: "budget", Name: "Budget", Type: lead.FieldMoney, Source: &lead.Ref{System: "pipedrive", ID: "5bd7e7d5b5a9d7f3e0d4c4b5a9d7f3e0d4c4b5a9"},
				Money: &lead.Money{Amount: decimal.RequireFromString("10.00"), Currency: "USD"}},
			{Key: "seats", Type: lead.FieldNumber, Number: &num},
			{Key: "notes", Type: lead.FieldText, Text: &text},
			{Key: "kickoff", Type: lead.FieldDate, Date: &lead.Date{Year: 2027, Month: 1, Day: 15}},
			{Key: "last_demo", Type: lead.FieldDateTime, Time: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)},
			{Key: "vip", Type: lead.FieldBool, Bool: &yes},
			{Key: "tier", Type: lead.FieldOption, Options: []lead.Option{{ID: "3", Label: "Gold"}}},
			{Key: "products", Type: lead.FieldOptions, Options: []lead.Option{{ID: "1", Label: "CRM"}, {ID: "2", Label: "Mail"}}},
			{Key: "site", Type: lead.FieldURL, Text: new("https://acme.example/buy")},
			{Key: "champion", Type: lead.FieldPerson, Ref: &lead.Ref{System: "pipedrive", ID: "5"}},
			{Key: "pipedrive:0123456789abcdef0123456789abcdef01234567", Type: lead.FieldRaw, Raw: json.RawMessage(`{"a":[1,2.50,null]}`)},
		},
		Vendor: map[string]lead.VendorData{
			"pipedrive": {
				Fields:    map[string]json.RawMessage{"source_deal_id": json.RawMessage(`null`)},
				Absent:    []string{"channel_id"},
				AsWritten: map[string]json.RawMessage{"update_time": json.RawMessage(`"2021-01-02T03:04:05.000Z"`)},
			},
		},
	}
}
