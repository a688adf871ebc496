package testkit

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/lead"
)

// EditLead returns a copy of l changed by script, for fuzz targets that
// need a lead and an edit of it: every byte string is a valid script. Each
// pair of bytes is one edit, an operation and its argument: clear or set
// the title, the value, a reference, a label, a custom field, a contact
// detail, the status, and so on. References are ids of system. The result
// may be invalid (a value without currency, say); callers check.
func EditLead(l lead.Lead, system string, script []byte) lead.Lead {
	l = cloneLead(l)
	ref := func(arg byte) *lead.Ref {
		if arg%4 == 0 {
			return nil
		}
		return &lead.Ref{System: system, ID: strconv.Itoa(int(arg))}
	}
	text := func(arg byte) string {
		if arg%5 == 0 {
			return ""
		}
		return "t" + strconv.Itoa(int(arg)) + " <&> ü"
	}
	for i := 0; i+1 < len(script); i += 2 {
		op, arg := script[i]%24, script[i+1]
		switch op {
		case 0:
			l.Title = text(arg)
		case 1:
			l.Value = nil
		case 2:
			cur, custom := "EUR", false
			if l.Value != nil {
				cur, custom = l.Value.Currency, l.Value.CustomCurrency
			}
			l.Value = &lead.Money{Amount: decimal.New(int64(arg)*25, -int32(arg%3)), Currency: cur, CustomCurrency: custom}
		case 3:
			if l.Value != nil {
				// An ISO 4217 code, so no longer an account's own.
				l.Value.Currency, l.Value.CustomCurrency = []string{"EUR", "USD", "JPY", "BHD"}[arg%4], false
			}
		case 4:
			l.Person = ref(arg)
		case 5:
			l.Organization = ref(arg)
		case 6:
			l.Owner = ref(arg)
		case 7:
			if arg%3 == 0 && len(l.Labels) > 0 {
				l.Labels = l.Labels[:len(l.Labels)-1]
			} else if arg%3 == 1 {
				l.Labels = nil
			} else {
				l.Labels = append(l.Labels, lead.Label{Name: text(arg | 1)})
			}
		case 8:
			if arg%3 == 0 {
				l.ExpectedCloseDate = nil
			} else {
				l.ExpectedCloseDate = &lead.Date{Year: 2020 + int(arg%10), Month: time.Month(1 + arg%12), Day: 1 + int(arg%28)}
			}
		case 9:
			l.Visibility = []lead.Visibility{"", lead.VisibilityOwnerOnly, lead.VisibilityOwnerAndFollowers,
				lead.VisibilityOwnerGroup, lead.VisibilityGroupAndSubgroups, lead.VisibilityEntireCompany}[arg%6]
		case 10:
			l.Archived = []lead.Optional[bool]{{}, lead.Some(false), lead.Some(true)}[arg%3]
		case 11:
			l.Seen = []lead.Optional[bool]{{}, lead.Some(false), lead.Some(true)}[arg%3]
		case 12:
			src := lead.Source{}
			if l.Source != nil {
				src = *l.Source
			}
			if arg%2 == 0 {
				src.Channel = ref(arg)
			} else {
				src.ChannelID = text(arg)
			}
			l.Source = &src
		case 13:
			if n := len(l.CustomFields); n > 0 {
				k := int(arg) % n
				l.CustomFields = append(l.CustomFields[:k:k], l.CustomFields[k+1:]...)
			}
		case 14:
			if n := len(l.CustomFields); n > 0 {
				l.CustomFields[int(arg)%n] = editCustom(l.CustomFields[int(arg)%n], arg)
			}
		case 15:
			switch arg % 3 {
			case 0:
				l.Name = lead.Name{}
			case 1:
				l.Name.Full = text(arg)
			default:
				l.Name.First, l.Name.Last = text(arg), text(arg+1)
			}
		case 16:
			if arg%2 == 0 {
				l.Emails = nil
			} else {
				l.Emails = []lead.Email{{Address: "x" + strconv.Itoa(int(arg)) + "@example.com", Category: lead.CategoryWork}}
			}
		case 17:
			if arg%2 == 0 {
				l.Phones = nil
			} else {
				l.Phones = append(l.Phones, lead.Phone{Number: "+1 555 " + strconv.Itoa(int(arg)), Category: lead.CategoryMobile})
			}
		case 18:
			l.Description = text(arg)
		case 19:
			l.CompanyName = text(arg)
		case 20:
			l.Status = []lead.Status{"", lead.StatusNew, lead.StatusUnqualified, lead.StatusContacted, lead.StatusQualified}[arg%5]
			l.StatusName = ""
		case 21:
			if arg%2 == 0 {
				l.Address = nil
			} else {
				l.Address = &lead.Address{City: text(arg), Country: "DE"}
			}
		case 22:
			l.JobTitle = text(arg)
		case 23:
			// Forget how the source spelled things: the edited lead holds
			// only its canonical values.
			delete(l.Vendor, system)
		}
	}
	return l
}

// editCustom sets a new value of f's type, or clears it.
func editCustom(f lead.CustomField, arg byte) lead.CustomField {
	g := lead.CustomField{Key: f.Key, Name: f.Name, Type: f.Type, Source: f.Source}
	if arg%4 == 0 {
		return g // unset
	}
	switch f.Type {
	case lead.FieldText, lead.FieldURL:
		s := "v" + strconv.Itoa(int(arg))
		g.Text = &s
	case lead.FieldNumber:
		d := decimal.New(int64(arg), -1)
		g.Number = &d
	case lead.FieldMoney:
		cur := "EUR"
		if f.Money != nil {
			cur = f.Money.Currency
		}
		g.Money = &lead.Money{Amount: decimal.New(int64(arg)*100, -2), Currency: cur}
	case lead.FieldDate:
		g.Date = &lead.Date{Year: 2024, Month: time.Month(1 + arg%12), Day: 1 + int(arg%28)}
	case lead.FieldDateTime:
		g.Time = time.Date(2024, time.Month(1+arg%12), 1, int(arg%24), 0, 0, 0, time.UTC)
	case lead.FieldBool:
		b := arg%2 == 1
		g.Bool = &b
	case lead.FieldRaw:
		g.Raw = json.RawMessage(strconv.Itoa(int(arg)))
	default:
		return f // options and references need ids of the account: unchanged
	}
	return g
}

// cloneLead copies the slices and pointers EditLead changes in place.
func cloneLead(l lead.Lead) lead.Lead {
	l.Labels = append([]lead.Label(nil), l.Labels...)
	l.CustomFields = append([]lead.CustomField(nil), l.CustomFields...)
	l.Phones = append([]lead.Phone(nil), l.Phones...)
	if l.Value != nil {
		v := *l.Value
		l.Value = &v
	}
	if l.Vendor != nil {
		m := make(map[string]lead.VendorData, len(l.Vendor))
		for k, v := range l.Vendor {
			m[k] = v
		}
		l.Vendor = m
	}
	return l
}
