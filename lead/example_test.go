package lead_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/lead"
)

func ExampleLead_Validate() {
	l := lead.Lead{
		Title:  "Acme renewal",
		Value:  &lead.Money{Amount: decimal.RequireFromString("1500.50"), Currency: "EURO"},
		Phones: []lead.Phone{{Number: "+4930123456"}, {Category: lead.CategoryMobile}},
	}
	err := fmt.Errorf("row 7: %w", l.Validate())
	var list lead.ErrorList
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Println(fe)
		}
	}
	fmt.Println(errors.Is(err, lead.ErrRequired))
	// Output:
	// phone_numbers[1].number: required
	// value.currency: iso4217: invalid
	// true
}

func ExampleMoney() {
	var m lead.Money
	if err := json.Unmarshal([]byte(`{"amount": 1500.50, "currency": "EUR"}`), &m); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := json.Marshal(m)
	fmt.Println(string(out))
	fmt.Println(m.Amount.Exponent())
	// Output:
	// {"amount":1500.50,"currency":"EUR"}
	// -2
}

func ExampleParseDate() {
	d, err := lead.ParseDate("2027-03-31")
	fmt.Println(d, err)
	_, err = lead.ParseDate("2027-02-29")
	fmt.Println(err)
	// Output:
	// 2027-03-31 <nil>
	// (root): want a date that exists: invalid
}

func ExampleLead_json() {
	l := lead.Lead{
		Title:    "Acme renewal",
		Name:     lead.Name{Full: "Jane Doe", First: "Jane", Last: "Doe"},
		Emails:   []lead.Email{{Address: "jane@example.com", Category: lead.CategoryWork}},
		Value:    &lead.Money{Amount: decimal.RequireFromString("200.00"), Currency: "USD"},
		Archived: lead.Some(false),
	}
	b, _ := json.Marshal(l)
	fmt.Println(string(b))
	// Output:
	// {"title":"Acme renewal","name":{"full":"Jane Doe","first":"Jane","last":"Doe"},"emails":[{"address":"jane@example.com","category":"work"}],"value":{"amount":200.00,"currency":"USD"},"archived":false}
}

func ExampleLead_Clone() {
	before := lead.Lead{
		Title:  "Acme renewal",
		Person: &lead.Ref{System: "pipedrive", ID: "5"},
	}
	shared := before // copies the Person pointer, not the person
	shared.Person.ID = "6"
	fmt.Println(before.Person.ID)

	before.Person.ID = "5"
	after := before.Clone() // a Person of its own
	after.Person.ID = "6"
	fmt.Println(before.Person.ID, after.Person.ID)
	// Output:
	// 6
	// 5 6
}
