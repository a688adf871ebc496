package pipedrive

import (
	"github.com/leadbridge/leadbridge/lead"
)

// System is the name of Pipedrive in lead.Ref.System and lead.Lead.Vendor.
const System = "pipedrive"

// Plan is a Pipedrive subscription plan, as far as it changes the meaning
// of visible_to (Pipedrive API reference, addLead, "visible_to").
type Plan uint8

// The plans. The zero Plan is unknown: ToLead then translates only the
// visible_to codes whose meaning does not depend on the plan.
const (
	PlanUnknown   Plan = iota
	PlanEssential      // Light, Growth and Professional: 1 owner & followers, 3 entire company
	PlanPremium        // Premium and Ultimate: 1 owner only, 3 owner's group, 5 group and sub-groups, 7 entire company
)

// String returns "unknown", "essential" or "premium".
func (p Plan) String() string {
	switch p {
	case PlanEssential:
		return "essential"
	case PlanPremium:
		return "premium"
	}
	return "unknown"
}

// A Translator converts between Pipedrive leads and lead.Lead. It holds
// what one Pipedrive account knows and a Lead does not: the plan, the deal
// fields (leads use the deal fields for their custom fields) and the lead
// labels. The zero Translator is ready to use: it keeps custom fields as
// raw JSON under their 40-hex keys, leaves label names empty and
// translates only plan-independent visible_to codes.
//
// Currencies tells the account's own currency codes apart from typos: with
// them, a code they list is accepted silently; without them, or for a
// code they do not list, a currency that is not ISO 4217 is carried as a
// custom currency (lead.Money.CustomCurrency) and reported as
// lead.Unverified. Pipedrive data is never rejected for its currency code.
type Translator struct {
	Plan       Plan        // the account's plan, for visible_to
	Fields     FieldMap    // custom-field definitions, from GET /v1/dealFields
	Labels     LabelMap    // lead labels by UUID, from GET /v1/leadLabels
	Currencies CurrencyMap // the account's currencies by code, from GET /v1/currencies
}

// FieldMap holds custom-field definitions by their 40-hex key.
type FieldMap map[string]DealField

// NewFieldMap returns the custom fields of fields (the 40-hex keys; the
// standard deal fields such as "title" or "value" are left out).
func NewFieldMap(fields []DealField) FieldMap {
	m := make(FieldMap, len(fields))
	for _, f := range fields {
		if isCustomKey(f.Key) {
			m[f.Key] = f
		}
	}
	return m
}

// LabelMap holds lead labels by their UUID.
type LabelMap map[string]LeadLabel

// NewLabelMap returns labels by UUID.
func NewLabelMap(labels []LeadLabel) LabelMap {
	m := make(LabelMap, len(labels))
	for _, l := range labels {
		m[l.ID] = l
	}
	return m
}

// isCustomKey reports whether k is a custom-field key: 40 lowercase hex
// digits. The standard deal keys ("title", "org_id") never are.
func isCustomKey(k string) bool {
	if len(k) != 40 {
		return false
	}
	for i := 0; i < 40; i++ {
		c := k[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// companionOf returns the custom-field key of a companion key such as
// "<40 hex>_currency" or "<40 hex>_until", and the suffix.
func companionOf(k string) (base, suffix string, ok bool) {
	if len(k) < 42 || k[40] != '_' || !isCustomKey(k[:40]) {
		return "", "", false
	}
	return k[:40], k[41:], true
}

// isUUID reports whether s is a UUID in the 8-4-4-4-12 hex form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
				return false
			}
		}
	}
	return true
}

// visibilityOf returns what a visible_to code means on plan p. known is
// false for a code that is invalid on p; ambiguous is true when p is
// unknown and the code means different things on different plans.
func visibilityOf(p Plan, code string) (v lead.Visibility, known, ambiguous bool) {
	switch p {
	case PlanEssential:
		switch code {
		case "1":
			return lead.VisibilityOwnerAndFollowers, true, false
		case "3":
			return lead.VisibilityEntireCompany, true, false
		}
		return "", false, false
	case PlanPremium:
		switch code {
		case "1":
			return lead.VisibilityOwnerOnly, true, false
		case "3":
			return lead.VisibilityOwnerGroup, true, false
		case "5":
			return lead.VisibilityGroupAndSubgroups, true, false
		case "7":
			return lead.VisibilityEntireCompany, true, false
		}
		return "", false, false
	}
	// Unknown plan: "5" and "7" exist only on Premium and Ultimate, so they
	// say what they mean; "1" and "3" depend on the plan.
	switch code {
	case "1", "3":
		return "", true, true
	case "5", "7":
		return visibilityOf(PlanPremium, code)
	}
	return "", false, false
}

// codeOf returns the visible_to code for v on plan p, or "" when p cannot
// express v. On the unknown plan only a code that no plan reads as another
// visibility is written: "5" exists only on Premium and Ultimate. "1" and
// "3" mean other visibilities on the other plans (owner_group as "3" is
// the entire company on Essential), and entire_company is "3" or "7"
// depending on the plan.
func codeOf(p Plan, v lead.Visibility) string {
	switch p {
	case PlanEssential:
		switch v {
		case lead.VisibilityOwnerAndFollowers:
			return "1"
		case lead.VisibilityEntireCompany:
			return "3"
		}
		return ""
	case PlanPremium:
		switch v {
		case lead.VisibilityOwnerOnly:
			return "1"
		case lead.VisibilityOwnerGroup:
			return "3"
		case lead.VisibilityGroupAndSubgroups:
			return "5"
		case lead.VisibilityEntireCompany:
			return "7"
		}
		return ""
	}
	if v == lead.VisibilityGroupAndSubgroups {
		return "5"
	}
	return ""
}

// visibleToRule is the rule text of an invalid visible_to on plan p.
func visibleToRule(p Plan) string {
	if p == PlanEssential {
		return "oneof=1 3 on the essential plan"
	}
	if p == PlanPremium {
		return "oneof=1 3 5 7 on the premium plan"
	}
	return "oneof=1 3 5 7"
}
