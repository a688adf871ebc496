package copper_test

import (
	"errors"
	"fmt"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
)

func ExampleTranslator_ToLead() {
	in, err := copper.DecodeLead([]byte(`{
		"id": 8894157, "name": "Ana García", "title": "CTO",
		"email": {"email": "ana@example.es", "category": "work"},
		"monetary_value": 1500.50, "monetary_unit": "EUR",
		"status": "Qualified", "tags": ["fair"],
		"date_created": 1700000000, "legacy_flag": true}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var tr copper.Translator
	l, rep, err := tr.ToLead(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.IDs[0].ID, l.Name.Full, "/", l.JobTitle, "/", l.Title == "")
	fmt.Println(lead.FormatDecimal(l.Value.Amount), l.Value.Currency, l.Status, l.Labels[0].Name)
	fmt.Println(l.CreatedAt, string(l.Vendor[copper.System].Fields["legacy_flag"]), len(rep))

	w, _, _ := tr.LeadObject(l)
	fmt.Println(string(w.AppendJSON(nil)))
	// Output:
	// 8894157 Ana García / CTO / true
	// 1500.50 EUR qualified fair
	// 2023-11-14 22:13:20 +0000 UTC true 0
	// {"id":8894157,"name":"Ana García","email":{"email":"ana@example.es","category":"work"},"monetary_value":1500.50,"monetary_unit":"EUR","status":"Qualified","tags":["fair"],"title":"CTO","date_created":1700000000,"legacy_flag":true}
}

func ExampleDecodeLead_errors() {
	_, err := copper.DecodeLead([]byte(`{"name": "A", "phone_numbers": [{"number": "1"}, {"number": "2"}, {"number": 3}], "tags": [1]}`))
	var list lead.ErrorList
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Println(fe)
		}
	}
	fmt.Println(errors.Is(err, lead.ErrType))
	// Output:
	// phone_numbers[2].number: want string, got number: wrong JSON type
	// tags[0]: want string, got number: wrong JSON type
	// true
}

func ExampleTranslator_FromLead() {
	l := lead.Lead{
		Title:  "Acme – renewal", // a Pipedrive subject: Copper has no place for it
		Name:   lead.Name{Full: "Ana García"},
		Emails: []lead.Email{{Address: "ana@example.es", Category: lead.CategoryWork}},
	}
	req, rep, err := copper.Translator{}.FromLead(l)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(req.AppendJSON(nil)))
	for _, c := range rep {
		fmt.Println(c.Path, c.Kind, "-", c.Reason)
	}
	_, _, err = copper.Translator{}.FromLead(lead.Lead{CompanyName: "Acme"})
	fmt.Println(err, errors.Is(err, lead.ErrRequired))
	// Output:
	// {"name":"Ana García","email":{"email":"ana@example.es","category":"work"}}
	// title dropped - a Copper lead has no subject; Copper title is the person's job title
	// name: required true
}

func ExampleTranslator_UpdateRequest() {
	before := lead.Lead{Name: lead.Name{Full: "Ana"}, Description: "old", JobTitle: "CTO"}
	after := before.Clone() // a plain copy would share pointers, slices and maps
	after.Description = "Called back; trial agreed."
	after.JobTitle = ""
	req, _, err := copper.Translator{}.UpdateRequest(before, after)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(req.AppendJSON(nil)))
	// Output:
	// {"details":"Called back; trial agreed.","title":null}
}
