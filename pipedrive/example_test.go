package pipedrive_test

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

func ExampleDecodeLead() {
	in, err := pipedrive.DecodeLead([]byte(`{
		"id": "adf21080-0e10-11eb-879b-05d71fb426ec",
		"title": "Acme renewal",
		"person_id": 1271,
		"value": {"amount": 1500.50, "currency": "EUR"},
		"add_time": "2020-10-14T11:30:36.551Z",
		"visible_to": "3",
		"5a5b5c5d5e5f505152535455565758595a5b5c5d": "Q3 campaign"
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	l, rep, err := pipedrive.Translator{Plan: pipedrive.PlanEssential}.ToLead(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Title, l.Person.ID, lead.FormatDecimal(l.Value.Amount), l.Value.Currency)
	fmt.Println(l.CreatedAt.Format("2006-01-02T15:04:05.000Z07:00"), l.Visibility)
	fmt.Println(l.CustomFields[0].Key, string(l.CustomFields[0].Raw), len(rep))
	// Output:
	// Acme renewal 1271 1500.50 EUR
	// 2020-10-14T11:30:36.551Z entire_company
	// pipedrive:5a5b5c5d5e5f505152535455565758595a5b5c5d "Q3 campaign" 0
}

func ExampleTranslator_FromLead() {
	l := lead.Lead{
		Title:        "Acme renewal",
		Organization: &lead.Ref{System: pipedrive.System, ID: "501"},
		Value:        &lead.Money{Amount: decimal.RequireFromString("200.00"), Currency: "EUR"},
		Visibility:   lead.VisibilityOwnerGroup,
		Emails:       []lead.Email{{Address: "anna@example.com"}},
	}
	req, rep, err := pipedrive.Translator{Plan: pipedrive.PlanPremium}.FromLead(l)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(req.AppendJSON(nil)))
	for _, c := range rep {
		fmt.Println(c.Path, c.Kind)
	}
	// Output:
	// {"title":"Acme renewal","organization_id":501,"value":{"amount":200.00,"currency":"EUR"},"visible_to":"3"}
	// emails dropped
}

func ExampleTranslator_UpdateRequest() {
	before := lead.Lead{
		Title:  "Acme renewal",
		Person: &lead.Ref{System: pipedrive.System, ID: "1271"},
		Value:  &lead.Money{Amount: decimal.RequireFromString("200"), Currency: "EUR"},
	}
	after := before.Clone() // a plain copy would share Value and Person with before
	after.Title = "Acme renewal (2 years)"
	after.Person.ID = "1300"
	after.Value = nil
	req, _, err := pipedrive.Translator{}.UpdateRequest(before, after)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(req.AppendJSON(nil)))
	// Output:
	// {"title":"Acme renewal (2 years)","person_id":1300,"value":null}
}

func ExampleDecodeCurrencies() {
	currencies, err := pipedrive.DecodeCurrencies([]byte(`{"success": true, "data": [
		{"id": 1, "code": "EUR", "name": "Euro", "decimal_points": 2, "symbol": "€", "active_flag": true, "is_custom_flag": false},
		{"id": 187, "code": "BTC", "name": "Bitcoin", "decimal_points": 8, "symbol": "₿", "active_flag": true, "is_custom_flag": true}
	]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	in, _ := pipedrive.DecodeLead([]byte(`{"title": "Node hosting", "person_id": 7,
		"value": {"amount": 0.01250000, "currency": "BTC"}}`))

	// With the account's currencies, BTC is one of its own.
	tr := pipedrive.Translator{Currencies: pipedrive.NewCurrencyMap(currencies)}
	l, rep, _ := tr.ToLead(in)
	fmt.Println(l.Value.Currency, l.Value.CustomCurrency, len(rep))

	// Without them, BTC is carried all the same, and reported.
	l, rep, _ = pipedrive.Translator{}.ToLead(in)
	fmt.Println(l.Value.Currency, l.Value.CustomCurrency, rep[0].Path, rep[0].Kind)

	// A hand-built lead must say that a code is not ISO 4217.
	typo := lead.Lead{Title: "x", Value: &lead.Money{Amount: decimal.New(1, 0), Currency: "EURO"}}
	fmt.Println(typo.Validate())
	// Output:
	// BTC true 0
	// BTC true value.currency unverified
	// value.currency: iso4217: invalid
}

func ExampleDecodeLead_response() {
	// A whole response is not a lead: the error says what to call.
	_, err := pipedrive.DecodeLead([]byte(`{"success": true, "data": {"title": "Acme renewal", "person_id": 7}}`))
	fmt.Println(errors.Is(err, pipedrive.ErrNotLead))
	env, _ := pipedrive.DecodeEnvelope(200, []byte(`{"success": true, "data": {"title": "Acme renewal", "person_id": 7}}`))
	in, _ := env.Data.Get()
	title, _ := in.Title.Get()
	fmt.Println(title)

	// An error body holds the *APIError.
	_, err = pipedrive.DecodeLead([]byte(`{"success": false, "error": "Lead not found", "data": null}`))
	var apiErr *pipedrive.APIError
	fmt.Println(errors.As(err, &apiErr), apiErr.Message)
	// Output:
	// true
	// Acme renewal
	// true Lead not found
}

// A Copper "personal" email is a Pipedrive "home" one: EmailLabel gives
// the label of the same meaning and says why it differs.
func ExampleEmailLabel() {
	for _, c := range []lead.Category{"work", "personal", "fax"} {
		label, reason := pipedrive.EmailLabel(c)
		fmt.Printf("%s → %s (%s)\n", c, label, reason)
	}
	// Output:
	// work → work ()
	// personal → home (Pipedrive's label of the same meaning has another name)
	// fax → other (not a label Pipedrive documents for this list: other is the nearest)
}
