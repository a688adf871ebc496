package copper

import (
	"encoding/json"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
)

// Run: go test ./copper -run '^$' -bench . -benchmem

func benchInput(b *testing.B) []byte {
	return testkit.MustRead(b, "../testdata/copper/leads/full.json")
}

func BenchmarkDecodeLead(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecodeLead(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToLead(b *testing.B) {
	tr := account(b)
	in, _ := DecodeLead(benchInput(b))
	for b.Loop() {
		if _, _, err := tr.ToLead(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLeadObject(b *testing.B) {
	tr := account(b)
	in, _ := DecodeLead(benchInput(b))
	l, _, _ := tr.ToLead(in)
	for b.Loop() {
		if _, _, err := tr.LeadObject(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromLead(b *testing.B) {
	tr := account(b)
	in, _ := DecodeLead(benchInput(b))
	l, _, _ := tr.ToLead(in)
	for b.Loop() {
		if _, _, err := tr.FromLead(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	in, _ := DecodeLead(benchInput(b))
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		buf = in.AppendJSON(buf[:0])
	}
}

// BenchmarkFull is decode → ToLead → LeadObject → AppendJSON.
func BenchmarkFull(b *testing.B) {
	tr := account(b)
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		in, err := DecodeLead(data)
		if err != nil {
			b.Fatal(err)
		}
		l, _, err := tr.ToLead(in)
		if err != nil {
			b.Fatal(err)
		}
		w, _, err := tr.LeadObject(l)
		if err != nil {
			b.Fatal(err)
		}
		buf = w.AppendJSON(buf[:0])
	}
}

// stdLead is the plain struct of the encoding/json baseline.
type stdLead struct {
	ID               *int64       `json:"id"`
	Name             *string      `json:"name"`
	Prefix           *string      `json:"prefix"`
	FirstName        *string      `json:"first_name"`
	MiddleName       *string      `json:"middle_name"`
	LastName         *string      `json:"last_name"`
	Suffix           *string      `json:"suffix"`
	Address          *stdAddress  `json:"address"`
	AssigneeID       *int64       `json:"assignee_id"`
	CompanyName      *string      `json:"company_name"`
	CustomerSourceID *int64       `json:"customer_source_id"`
	Details          *string      `json:"details"`
	Email            *stdPair     `json:"email"`
	MonetaryValue    *json.Number `json:"monetary_value"`
	MonetaryUnit     *string      `json:"monetary_unit"`
	PhoneNumbers     []stdPair    `json:"phone_numbers"`
	Socials          []stdPair    `json:"socials"`
	Status           *string      `json:"status"`
	StatusID         *int64       `json:"status_id"`
	Tags             []string     `json:"tags"`
	Title            *string      `json:"title"`
	Websites         []stdPair    `json:"websites"`
	CustomFields     []stdCustom  `json:"custom_fields"`
	DateCreated      *int64       `json:"date_created"`
	DateModified     *int64       `json:"date_modified"`
	DateLastContact  *int64       `json:"date_last_contacted"`
	InteractionCount *int64       `json:"interaction_count"`
	ConvertedUnit    *string      `json:"converted_unit"`
	ConvertedValue   *json.Number `json:"converted_value"`
}

type stdAddress struct {
	Street     *string `json:"street"`
	City       *string `json:"city"`
	State      *string `json:"state"`
	PostalCode *string `json:"postal_code"`
	Country    *string `json:"country"`
}

type stdPair struct {
	Email    *string `json:"email,omitempty"`
	Number   *string `json:"number,omitempty"`
	URL      *string `json:"url,omitempty"`
	Category *string `json:"category"`
}

type stdCustom struct {
	ID    int64           `json:"custom_field_definition_id"`
	Value json.RawMessage `json:"value"`
}

// BenchmarkEncodingJSONBaseline decodes into a plain struct and encodes it
// again with encoding/json: no translation, no unknown keys, no absent/null
// distinction.
func BenchmarkEncodingJSONBaseline(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var l stdLead
		if err := json.Unmarshal(data, &l); err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(l); err != nil {
			b.Fatal(err)
		}
	}
}
