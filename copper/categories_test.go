package copper

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/lead"
)

// TestCategoryWords: every category Copper documents stays as it is; the
// words of other systems become Copper's word of the same meaning, and
// every other word becomes other, with a reason.
func TestCategoryWords(t *testing.T) {
	type row struct {
		kind    contactKind
		in      lead.Category
		want    string
		changed bool
	}
	var rows []row
	// Every documented Copper word, for its list.
	for k, words := range categoryWords {
		for _, w := range words {
			rows = append(rows, row{contactKind(k), lead.Category(w), w, false})
		}
	}
	rows = append(rows,
		// Pipedrive's email labels (work, home, other) and phone labels
		// (work, home, mobile, other).
		row{kindEmail, "home", "personal", true},
		row{kindWebsite, "home", "personal", true},
		row{kindPhone, "home", "home", false},
		// Unknown words, and spellings.
		row{kindEmail, "private", "other", true},
		row{kindEmail, "mobile", "other", true},
		row{kindPhone, "fax", "other", true},
		row{kindPhone, "personal", "other", true},
		row{kindSocial, "bluesky", "other", true},
		row{kindSocial, "work", "other", true},
		row{kindWebsite, "blog", "other", true},
		row{kindWebsite, "mobile", "other", true},
		row{kindEmail, "Work", "work", true},
		row{kindSocial, " LinkedIn ", "linkedin", true},
		row{kindPhone, "", "", false},
	)
	for _, r := range rows {
		got, reason := categoryOf(r.kind, r.in)
		if got != r.want || (reason != "") != r.changed {
			t.Errorf("categoryOf(%d, %q) = %q, %q; want %q, changed %t", r.kind, r.in, got, reason, r.want, r.changed)
		}
	}
}

// TestFromLeadCategories: FromLead writes Copper's words and reports each
// change with the original word; LeadObject of a lead Copper sent gives
// Copper's own words back without a report.
func TestFromLeadCategories(t *testing.T) {
	l := lead.Lead{
		Name:     lead.Name{Full: "Ana"},
		Emails:   []lead.Email{{Address: "ana@example.org", Category: lead.CategoryHome}},
		Phones:   []lead.Phone{{Number: "1", Category: lead.CategoryMobile}, {Number: "2", Category: "fax"}},
		Socials:  []lead.Social{{URL: "https://bsky.app/ana", Category: "bluesky"}},
		Websites: []lead.Website{{URL: "https://ana.example", Category: lead.CategoryHome}},
	}
	req, rep, err := Translator{}.FromLead(l)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{req.Email.Value.Category.Value, req.PhoneNumbers.Value[0].Category.Value,
		req.PhoneNumbers.Value[1].Category.Value, req.Socials.Value[0].Category.Value, req.Websites.Value[0].Category.Value}
	if diff := cmp.Diff([]string{"personal", "mobile", "other", "other", "personal"}, got); diff != "" {
		t.Errorf("FromLead categories mismatch (-want +got):\n%s", diff)
	}
	want := lead.Report{
		{Path: "emails[0].category", Kind: lead.Changed, Reason: "Copper's category of the same meaning has another name", Detail: "home became personal"},
		{Path: "phone_numbers[1].category", Kind: lead.Changed, Reason: "not a category Copper documents for this list: other is the nearest", Detail: "fax became other"},
		{Path: "socials[0].category", Kind: lead.Changed, Reason: "not a category Copper documents for this list: other is the nearest", Detail: "bluesky became other"},
		{Path: "websites[0].category", Kind: lead.Changed, Reason: "Copper's category of the same meaning has another name", Detail: "home became personal"},
	}
	if diff := cmp.Diff(want, rep); diff != "" {
		t.Errorf("FromLead report mismatch (-want +got):\n%s", diff)
	}

	// A word Copper sent comes back from the identity, unreported.
	in, err := DecodeLead([]byte(`{"name":"Ana","phone_numbers":[{"number":"2","category":"fax"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var tr Translator
	back, _, err := tr.ToLead(in)
	if err != nil {
		t.Fatal(err)
	}
	obj, rep, err := tr.LeadObject(back)
	if err != nil {
		t.Fatal(err)
	}
	if c := obj.PhoneNumbers.Value[0].Category.Value; c != "fax" || len(rep) != 0 {
		t.Errorf("identity: category %q, report %v; want fax and no report", c, rep)
	}
	// An edited category is not overwritten by the stale spelling.
	back.Phones[0].Category = "pager"
	obj, rep, err = tr.LeadObject(back)
	if err != nil {
		t.Fatal(err)
	}
	if c := obj.PhoneNumbers.Value[0].Category.Value; c != "other" || len(rep) != 1 || rep[0].Detail != "pager became other" {
		t.Errorf("edited: category %q, report %v; want other, reported", c, rep)
	}
}
