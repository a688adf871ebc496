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

func ExampleDecodeLead_notALead() {
	// An error response, as Copper sends it with a 4xx status.
	_, err := copper.DecodeLead([]byte(`{"success": false, "status": 422, "message": "Validation errors: Name can't be blank"}`))
	var api *copper.APIError
	fmt.Println(errors.Is(err, copper.ErrNotLead), errors.As(err, &api), api.Status)
	// A search response is a list.
	_, err = copper.DecodeLead([]byte(`[{"id": 1, "name": "Ana"}]`))
	fmt.Println(err)
	// Output:
	// true true 422
	// (root): want a lead object, got a list of leads: decode a POST /leads/search response with DecodeLeadList: not a lead object
}

func ExampleDecodeLeadList() {
	leads, err := copper.DecodeLeadList([]byte(`[
		{"id": 1, "name": "Ana García"},
		{"id": 2, "name": "Ben Okafor", "tags": [7]},
		{"id": 3, "name": "Chen Wei"}]`))
	for _, l := range leads {
		fmt.Println(l.ID.Value, l.Name.Value)
	}
	var list lead.ErrorList
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Println(fe)
		}
	}
	// Output:
	// 1 Ana García
	// 3 Chen Wei
	// [1].tags[0]: want string, got number: wrong JSON type
}

func ExampleDecodeCustomFieldDefinitions() {
	defs, err := copper.DecodeCustomFieldDefinitions([]byte(`[
		{"id": 100764, "name": "A Text Field", "data_type": "String", "available_on": ["lead", "person"], "is_filterable": true},
		{"id": 126240, "name": "Color option", "data_type": "Dropdown", "available_on": ["lead"],
		 "options": [{"id": 167776, "name": "Yellow", "rank": 4}]}]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range defs {
		fmt.Println(d.ID, d.Name, d.DataType, len(d.Options))
	}
	_, err = copper.DecodeCustomFieldDefinitions([]byte(`[{"id": "100764", "name": "A Text Field"}]`))
	fmt.Println(err)
	// Output:
	// 100764 A Text Field String 0
	// 126240 Color option Dropdown 1
	// [0].data_type: required
	// [0].id: want number, got string: wrong JSON type
}

func ExampleDecodeLeadStatuses() {
	statuses, err := copper.DecodeLeadStatuses([]byte(`[
		{"id": 208231, "name": "New", "order": 1, "is_default": true},
		{"id": 208232, "name": "Open", "order": 2, "is_default": false},
		{"id": 208234, "name": "Junk", "order": 4, "is_default": false}]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	tr := copper.Translator{Statuses: statuses}
	in, _ := copper.DecodeLead([]byte(`{"name": "Ana", "status": "Open"}`))
	l, _, err := tr.ToLead(in)
	fmt.Println(l.Status == "", l.StatusName, err)
	// Output:
	// true Open <nil>
}

func ExampleAccount_Location() {
	a, err := copper.DecodeAccount([]byte(`{"id": 218374, "name": "Northwind Analytics",
		"primary_timezone": "America/Los_Angeles", "settings": {"setting_enable_leads": true}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	loc, err := a.Location()
	if err != nil {
		fmt.Println(err)
		return
	}
	tr := copper.Translator{
		Definitions: []copper.CustomFieldDefinition{{ID: 420105, Name: "Next Follow-up", DataType: "Date"}},
		Location:    loc,
	}
	// Copper keeps a Date as midnight in the account's zone (08:00Z in
	// winter in Los Angeles), or as "mm/dd/yyyy".
	in, _ := copper.DecodeLead([]byte(`{"name": "Ana", "custom_fields": [
		{"custom_field_definition_id": 420105, "value": 1734336000}]}`))
	l, rep, err := tr.ToLead(in)
	fmt.Println(l.CustomFields[0].Date, len(rep), err)
	in, _ = copper.DecodeLead([]byte(`{"name": "Ana", "custom_fields": [
		{"custom_field_definition_id": 420105, "value": "12/16/2024"}]}`))
	l, _, _ = tr.ToLead(in)
	fmt.Println(l.CustomFields[0].Date)

	// Written back: midnight in Los Angeles, as Unix seconds.
	l.Vendor = nil
	req, _, _ := tr.FromLead(l)
	fmt.Println(string(req.AppendJSON(nil)))

	// Without a zone, UTC is assumed, and the report says so.
	_, rep, _ = copper.Translator{Definitions: tr.Definitions}.FromLead(l)
	fmt.Println(rep[0].Path, rep[0].Kind, "-", rep[0].Reason)
	// Output:
	// 2024-12-16 0 <nil>
	// 2024-12-16
	// {"name":"Ana","custom_fields":[{"custom_field_definition_id":420105,"value":1734336000}]}
	// custom_fields[0].date defaulted - no account time zone: the date was written as midnight UTC
}
