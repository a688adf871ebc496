package pipedrive

import (
	"strings"

	"github.com/leadbridge/leadbridge/lead"
)

// The labels of a Pipedrive person's email and phone entries (API v1,
// Persons: addPerson, email and phone are lists of {value, primary,
// label}).
var (
	emailLabels = []string{"work", "home", "other"}
	phoneLabels = []string{"work", "home", "mobile", "other"}
	// emailSynonyms are other systems' words for a Pipedrive email label of
	// the same meaning: Copper's "personal" email is Pipedrive's "home".
	emailSynonyms = map[string]string{"personal": "home"}
)

// EmailLabel returns the label of a Pipedrive person's email for the
// canonical category c: c when Pipedrive documents it (work, home, other),
// Pipedrive's word for the same meaning ("personal" is "home"), or
// "other". reason is empty when the label is c, else a sentence saying
// why it differs; an empty category gives an empty label (Pipedrive's
// label is optional).
func EmailLabel(c lead.Category) (label, reason string) {
	return labelOf(emailLabels, emailSynonyms, c)
}

// PhoneLabel returns the label of a Pipedrive person's phone for the
// canonical category c: c when Pipedrive documents it (work, home, mobile,
// other), or "other". reason is as for EmailLabel.
func PhoneLabel(c lead.Category) (label, reason string) {
	return labelOf(phoneLabels, nil, c)
}

func labelOf(words []string, synonyms map[string]string, c lead.Category) (string, string) {
	s := string(c)
	if s == "" {
		return "", ""
	}
	folded := strings.ToLower(strings.TrimSpace(s))
	for _, w := range words {
		if w == s {
			return s, ""
		}
		if w == folded {
			return w, "Pipedrive writes its labels in lower case"
		}
	}
	if w, ok := synonyms[folded]; ok {
		return w, "Pipedrive's label of the same meaning has another name"
	}
	return "other", "not a label Pipedrive documents for this list: other is the nearest"
}
