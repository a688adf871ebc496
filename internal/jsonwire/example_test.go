package jsonwire_test

import (
	"errors"
	"fmt"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

func ExampleDecoder_Object() {
	doc := []byte(`{"title":"Acme","value":{"amount":"12","currency":"EUR"},"label_ids":["a",2],` +
		`"d4de1c1518b4531717c676029a45911c340390a6":"Gold"}`)
	d := jsonwire.NewDecoder(doc)
	var title string
	custom := map[string]string{}
	err := d.Object(func(key []byte) error {
		switch string(key) {
		case "title":
			var err error
			title, err = d.String()
			return err
		case "value":
			return d.Object(func(key []byte) error {
				if string(key) == "amount" {
					_, err := d.Number()
					return err
				}
				return nil // left unread: skipped
			})
		case "label_ids":
			return d.Array(func(int) error {
				_, err := d.String()
				return err
			})
		}
		raw, err := d.Raw() // an unknown key: a custom field
		custom[string(key)] = string(raw)
		return err
	})
	if err := d.End(); err != nil {
		fmt.Println("trailing data:", err)
	}
	fmt.Println(title, custom)
	var list lead.ErrorList
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Println(fe.Redacted())
		}
	}
	fmt.Println(jsonwire.IsHard(err))
	// Output:
	// Acme map[d4de1c1518b4531717c676029a45911c340390a6:"Gold"]
	// value.amount: want number, got string
	// label_ids[1]: want string, got number
	// false
}

func ExampleDecoder_Object_hardError() {
	d := jsonwire.NewDecoder([]byte(`{"id":1,"cf":{"a":[1,2,{"b":tru}]}}`))
	err := d.Object(func([]byte) error {
		_, err := d.Raw()
		return err
	})
	fmt.Println(err)
	fmt.Println(jsonwire.IsHard(err), errors.Is(err, lead.ErrMalformed))
	// Output:
	// cf.a[2].b: invalid character '}' at offset 31: malformed JSON
	// true true
}

func ExampleAppendString() {
	b := []byte("{")
	b = jsonwire.AppendKey(b, "title")
	b = jsonwire.AppendString(b, "Müller & Söhne <GmbH>\n\u2028\xff")
	b = append(b, ',')
	b = jsonwire.AppendKey(b, "owner_id")
	b = jsonwire.AppendInt(b, 42)
	b = append(b, '}')
	fmt.Println(string(b))
	// Output:
	// {"title":"Müller & Söhne <GmbH>\n\u2028\ufffd","owner_id":42}
}

func ExampleEqual() {
	eq, err := jsonwire.Equal(
		[]byte(`{"amount": 1500.50, "currency": "EUR", "tags": ["a", "\u00e9"]}`),
		[]byte(`{"tags":["a","é"],"currency":"EUR","amount":1.5005e3}`))
	fmt.Println(eq, err)
	// Output:
	// true <nil>
}
