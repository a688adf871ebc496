package pipedrive

import (
	"testing"

	"github.com/leadbridge/leadbridge/lead"
)

// TestLabels: every label Pipedrive documents stays as it is; Copper's
// "personal" email becomes "home", and every other word becomes other,
// with a reason.
func TestLabels(t *testing.T) {
	tests := []struct {
		fn      func(lead.Category) (string, string)
		name    string
		in      lead.Category
		want    string
		changed bool
	}{
		{EmailLabel, "email", "work", "work", false},
		{EmailLabel, "email", "home", "home", false},
		{EmailLabel, "email", "other", "other", false},
		{PhoneLabel, "phone", "work", "work", false},
		{PhoneLabel, "phone", "home", "home", false},
		{PhoneLabel, "phone", "mobile", "mobile", false},
		{PhoneLabel, "phone", "other", "other", false},
		// Copper's email categories (work, personal, other) and phone
		// categories (mobile, work, home, other).
		{EmailLabel, "email", "personal", "home", true},
		// Unknown words and spellings.
		{EmailLabel, "email", "mobile", "other", true},
		{EmailLabel, "email", "private", "other", true},
		{PhoneLabel, "phone", "fax", "other", true},
		{PhoneLabel, "phone", "personal", "other", true},
		{EmailLabel, "email", "HOME", "home", true},
		{PhoneLabel, "phone", " Mobile", "mobile", true},
		{EmailLabel, "email", "", "", false},
		{PhoneLabel, "phone", "", "", false},
	}
	for _, tt := range tests {
		got, reason := tt.fn(tt.in)
		if got != tt.want || (reason != "") != tt.changed {
			t.Errorf("%s label of %q = %q, %q; want %q, changed %t", tt.name, tt.in, got, reason, tt.want, tt.changed)
		}
	}
}
