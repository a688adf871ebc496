package pipedrive_test

import (
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
	after := before
	after.Title = "Acme renewal (2 years)"
	after.Value = nil
	req, _, err := pipedrive.Translator{}.UpdateRequest(before, after)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(req.AppendJSON(nil)))
	// Output:
	// {"title":"Acme renewal (2 years)","value":null}
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
