package copper

import (
	"strings"

	"github.com/leadbridge/leadbridge/lead"
)

// A contactKind is one of the lists of a Copper lead whose entries carry a
// category: email, phone_numbers, socials, websites.
type contactKind uint8

const (
	kindEmail contactKind = iota
	kindPhone
	kindSocial
	kindWebsite
)

// categoryWords are the categories Copper documents per list (Developer API,
// "Leads": email and websites work / personal / other; phone_numbers
// mobile / work / home / other; socials linkedin, twitter, googleplus,
// facebook, youtube, quora, foursquare, klout, gravatar, other).
var categoryWords = [...][]string{
	kindEmail:   {"work", "personal", "other"},
	kindPhone:   {"mobile", "work", "home", "other"},
	kindSocial:  {"linkedin", "twitter", "googleplus", "facebook", "youtube", "quora", "foursquare", "klout", "gravatar", "other"},
	kindWebsite: {"work", "personal", "other"},
}

// categorySynonyms are the words other systems use for a Copper category
// of the same meaning: Pipedrive's "home" email is Copper's "personal".
var categorySynonyms = [...]map[string]string{
	kindEmail:   {"home": "personal"},
	kindWebsite: {"home": "personal"},
}

// categoryOf returns the Copper category for the canonical category c of a
// kind's entry: c when Copper documents it, Copper's word for the same
// meaning, or "other". reason is empty when the result is c, else why it
// changed. An empty category stays empty: Copper's category is optional.
func categoryOf(k contactKind, c lead.Category) (word, reason string) {
	s := string(c)
	if s == "" {
		return "", ""
	}
	folded := strings.ToLower(strings.TrimSpace(s))
	for _, w := range categoryWords[k] {
		if w == s {
			return s, ""
		}
		if w == folded {
			return w, "Copper writes its categories in lower case"
		}
	}
	if w, ok := categorySynonyms[k][folded]; ok {
		return w, "Copper's category of the same meaning has another name"
	}
	return "other", "not a category Copper documents for this list: other is the nearest"
}

// categoryPath names the category of entry i of a kind's list in the
// canonical lead.
func categoryPath(k contactKind, i int) string {
	switch k {
	case kindEmail:
		return "emails" + lead.IndexPath(i) + ".category"
	case kindPhone:
		return "phone_numbers" + lead.IndexPath(i) + ".category"
	case kindSocial:
		return "socials" + lead.IndexPath(i) + ".category"
	}
	return "websites" + lead.IndexPath(i) + ".category"
}

// translateCategory is category with the translation to Copper's words,
// each change reported with the original word in its detail.
func translateCategory(k contactKind, i int, c lead.Category, rep *lead.Report) Field[string] {
	w, reason := categoryOf(k, c)
	if reason != "" && rep != nil {
		rep.AddDetail(categoryPath(k, i), lead.Changed, reason, string(c)+" became "+w)
	}
	return category(lead.Category(w))
}

// keepRestored removes from rep the category changes that the vendor data
// undid: entries whose category in w is again the canonical word of l (a
// word Copper itself sent, given back by the identity).
func keepRestored(l lead.Lead, w *Lead, rep lead.Report) lead.Report {
	out := rep[:0]
	for _, ch := range rep {
		if ch.Kind == lead.Changed && strings.HasSuffix(ch.Path, ".category") && categoryRestored(l, w, ch.Path) {
			continue
		}
		out = append(out, ch)
	}
	return out
}

// categoryRestored reports whether the category at the canonical path p
// is the same in l and w.
func categoryRestored(l lead.Lead, w *Lead, p string) bool {
	for k := kindEmail; k <= kindWebsite; k++ {
		for i := range contactLen(l, k) {
			if categoryPath(k, i) != p {
				continue
			}
			got, ok := wireCategory(w, k, i)
			return ok && got == contactCategory(l, k, i)
		}
	}
	return false
}

func contactLen(l lead.Lead, k contactKind) int {
	switch k {
	case kindEmail:
		return len(l.Emails)
	case kindPhone:
		return len(l.Phones)
	case kindSocial:
		return len(l.Socials)
	}
	return len(l.Websites)
}

func contactCategory(l lead.Lead, k contactKind, i int) string {
	switch k {
	case kindEmail:
		return string(l.Emails[i].Category)
	case kindPhone:
		return string(l.Phones[i].Category)
	case kindSocial:
		return string(l.Socials[i].Category)
	}
	return string(l.Websites[i].Category)
}

// wireCategory returns the category of entry i of a kind's list in w.
func wireCategory(w *Lead, k contactKind, i int) (string, bool) {
	switch k {
	case kindEmail:
		if i == 0 && w.Email.State == Present {
			return w.Email.Value.Category.Value, true
		}
	case kindPhone:
		if i < len(w.PhoneNumbers.Value) {
			return w.PhoneNumbers.Value[i].Category.Value, true
		}
	case kindSocial:
		if i < len(w.Socials.Value) {
			return w.Socials.Value[i].Category.Value, true
		}
	case kindWebsite:
		if i < len(w.Websites.Value) {
			return w.Websites.Value[i].Category.Value, true
		}
	}
	return "", false
}
