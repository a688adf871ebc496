package convert

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// TestCategoriesAcross: every category word either vendor documents, and
// unknown words, cross to the other vendor by meaning; each change is
// reported with the original word.
func TestCategoriesAcross(t *testing.T) {
	type want struct {
		word    string
		changed bool
	}
	t.Run("pipedrive to copper", func(t *testing.T) {
		// Pipedrive person labels: email work / home / other, phone
		// work / home / mobile / other.
		tests := []struct {
			email, phone string
			wantE, wantP want
		}{
			{"work", "work", want{"work", false}, want{"work", false}},
			{"home", "home", want{"personal", true}, want{"home", false}},
			{"other", "mobile", want{"other", false}, want{"mobile", false}},
			{"other", "other", want{"other", false}, want{"other", false}},
			{"private", "fax", want{"other", true}, want{"other", true}},
		}
		for _, tt := range tests {
			dir := &MemoryDirectory{}
			dir.PutPipedrivePerson(Person{ID: 7, Name: "Ana", Emails: []lead.Email{{Address: "ana@example.org", Category: lead.Category(tt.email)}},
				Phones: []lead.Phone{{Number: "+1 555 0100", Category: lead.Category(tt.phone)}}})
			in, err := pipedrive.DecodeLead([]byte(`{"title":"Renewal","person_id":7}`))
			if err != nil {
				t.Fatal(err)
			}
			out, rep, err := Converter{Directory: dir}.PipedriveToCopper(in)
			if err != nil {
				t.Fatal(err)
			}
			checkCategory(t, "email "+tt.email, out.Email.Value.Category.Value, tt.wantE.word, rep, "email.category", tt.email, tt.wantE.changed)
			checkCategory(t, "phone "+tt.phone, out.PhoneNumbers.Value[0].Category.Value, tt.wantP.word, rep, "phone_numbers[0].category", tt.phone, tt.wantP.changed)
		}
	})
	t.Run("copper to pipedrive", func(t *testing.T) {
		// Copper categories: email work / personal / other, phone
		// mobile / work / home / other.
		tests := []struct {
			email, phone string
			wantE, wantP want
		}{
			{"work", "work", want{"work", false}, want{"work", false}},
			{"personal", "home", want{"home", true}, want{"home", false}},
			{"other", "mobile", want{"other", false}, want{"mobile", false}},
			{"other", "other", want{"other", false}, want{"other", false}},
			{"private", "fax", want{"other", true}, want{"other", true}},
		}
		for _, tt := range tests {
			in, err := copper.DecodeLead([]byte(`{"name":"Ana","email":{"email":"ana@example.org","category":"` + tt.email +
				`"},"phone_numbers":[{"number":"+1 555 0100","category":"` + tt.phone + `"}]}`))
			if err != nil {
				t.Fatal(err)
			}
			b, rep, err := Converter{}.CopperToPipedrive(in)
			if err != nil {
				t.Fatal(err)
			}
			checkCategory(t, "email "+tt.email, b.Person.Email[0].Label, tt.wantE.word, rep, "email.category", tt.email, tt.wantE.changed)
			checkCategory(t, "phone "+tt.phone, b.Person.Phone[0].Label, tt.wantP.word, rep, "phone_numbers[0].category", tt.phone, tt.wantP.changed)
		}
	})
}

// checkCategory checks the word written and that a change, and only a
// change, is reported at path with the original word in its detail.
func checkCategory(t *testing.T, name, got, want string, rep lead.Report, path, from string, changed bool) {
	t.Helper()
	if got != want {
		t.Errorf("%s: wrote %q, want %q", name, got, want)
	}
	var entries lead.Report
	for _, ch := range rep {
		if ch.Path == path {
			entries = append(entries, ch)
		}
	}
	var wantRep lead.Report
	if changed {
		wantRep = lead.Report{{Path: path, Kind: lead.Changed, Reason: "any reason", Detail: from + " became " + want}}
	}
	if diff := cmp.Diff(wantRep, entries, cmp.Comparer(func(a, b lead.Change) bool {
		return a.Path == b.Path && a.Kind == b.Kind && a.Detail == b.Detail && (a.Reason != "") == (b.Reason != "")
	})); diff != "" {
		t.Errorf("%s: report at %s mismatch (-want +got):\n%s", name, path, diff)
	}
}
