package lead

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-playground/validator/v10"
)

// validate is a read-only cache built on first use. It holds no
// configuration and is never changed after it is built.
var validate = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
})

// Validate reports every broken rule of l at once, as an ErrorList of
// *FieldError sorted by path, each naming the JSON path of the field and
// the rule, and wrapping ErrRequired or ErrInvalid. It returns nil for a
// valid Lead.
//
// The rules: email addresses are addresses; currencies are ISO 4217;
// money has both amount and currency and an amount in range; status and
// visibility are canonical values; dates exist; timestamps are UTC in
// years 1 to 9999; phones, socials and websites are not empty; labels
// have a name or a ref; refs name a system and an id; each system has one
// lead id at most; a custom field has a key, a known type and a value
// that matches its type; and a lead has something to call it by: a title,
// a person's name, a company, a linked person or organization, an email
// or a phone.
func (l Lead) Validate() error {
	var errs ErrorList
	if err := validate().Struct(l); err != nil {
		var verrs validator.ValidationErrors
		if !errors.As(err, &verrs) {
			errs.Add("", "invalid", err)
		}
		for _, fe := range verrs {
			_, path, _ := strings.Cut(fe.Namespace(), ".")
			rule := fe.Tag()
			if fe.Param() != "" {
				rule += "=" + fe.Param()
			}
			cause := ErrInvalid
			if fe.Tag() == "required" {
				cause = ErrRequired
			}
			errs.Add(path, rule, cause)
		}
	}
	l.checkRules(&errs)
	return errs.Err()
}

// checkRules checks what no validator tag can say.
func (l Lead) checkRules(errs *ErrorList) {
	// A lead needs something to call it by.
	if l.Title == "" && l.Name.IsZero() && l.CompanyName == "" && l.Person == nil &&
		l.Organization == nil && len(l.Emails) == 0 && len(l.Phones) == 0 {
		errs.Add("", "one of title, name, company_name, person, organization, emails, phone_numbers is required", ErrRequired)
	}
	// Each system has at most one id for the lead.
	seen := map[string]bool{}
	for i, id := range l.IDs {
		p := "ids" + IndexPath(i)
		checkRef(errs, p, &id)
		if seen[id.System] {
			errs.Add(p+".system", "unique", ErrInvalid)
		}
		seen[id.System] = true
	}
	for _, r := range []struct {
		path string
		ref  *Ref
	}{
		{"person", l.Person}, {"organization", l.Organization}, {"owner", l.Owner},
		{"creator", l.Creator}, {"status_ref", l.StatusRef}, {"next_activity", l.NextActivity},
	} {
		checkRef(errs, r.path, r.ref)
	}
	if l.Source != nil {
		checkRef(errs, "source.channel", l.Source.Channel)
		checkRef(errs, "source.customer_source", l.Source.CustomerSource)
	}
	if l.Value != nil {
		checkMoney(errs, "value", *l.Value)
	}
	if l.ExpectedCloseDate != nil && !l.ExpectedCloseDate.Valid() {
		errs.Add("expected_close_date", "date", ErrInvalid)
	}
	switch l.Status {
	case "", StatusNew, StatusUnqualified, StatusContacted, StatusQualified:
	default:
		errs.Add("status", "oneof=new unqualified contacted qualified", ErrInvalid)
	}
	switch l.Visibility {
	case "", VisibilityOwnerOnly, VisibilityOwnerAndFollowers, VisibilityOwnerGroup,
		VisibilityGroupAndSubgroups, VisibilityEntireCompany:
	default:
		errs.Add("visibility", "oneof=owner_only owner_and_followers owner_group owner_group_and_subgroups entire_company", ErrInvalid)
	}
	if l.BCCEmail != "" {
		if err := validate().Var(l.BCCEmail, "email"); err != nil {
			errs.Add("bcc_email", "email", ErrInvalid)
		}
	}
	for _, t := range []struct {
		path string
		t    time.Time
	}{{"created_at", l.CreatedAt}, {"modified_at", l.ModifiedAt}, {"last_contacted_at", l.LastContactedAt}} {
		checkTime(errs, t.path, t.t)
	}
	if n, ok := l.InteractionCount.Get(); ok && n < 0 {
		errs.Add("interaction_count", "min=0", ErrInvalid)
	}
	for i, lb := range l.Labels {
		p := "labels" + IndexPath(i)
		if lb.Name == "" && lb.Ref == nil {
			errs.Add(p+".name", "required without ref", ErrRequired)
		}
		checkRef(errs, p+".ref", lb.Ref)
	}
	keys := map[string]bool{}
	for i, f := range l.CustomFields {
		p := "custom_fields" + IndexPath(i)
		if f.Key != "" && keys[f.Key] {
			errs.Add(p+".key", "unique", ErrInvalid)
		}
		keys[f.Key] = true
		checkRef(errs, p+".source", f.Source)
		f.check(errs, p)
	}
	for sys, vd := range l.Vendor {
		for k, raw := range vd.Fields {
			if !json.Valid(raw) {
				errs.Add("vendor."+sys+".fields."+k, "json", ErrInvalid)
			}
		}
		for k, raw := range vd.AsWritten {
			if !json.Valid(raw) {
				errs.Add("vendor."+sys+".as_written."+k, "json", ErrInvalid)
			}
		}
	}
}

func checkRef(errs *ErrorList, path string, r *Ref) {
	if r == nil {
		return
	}
	if r.System == "" {
		errs.Add(path+".system", "required", ErrRequired)
	}
	if r.ID == "" {
		errs.Add(path+".id", "required", ErrRequired)
	}
}

func checkMoney(errs *ErrorList, path string, m Money) {
	if m.Amount.Exponent() < -MaxScale {
		errs.Add(path+".amount", "at most "+strconv.Itoa(MaxScale)+" decimals", ErrInvalid)
	}
	if intDigits(m.Amount) > MaxIntegerDigits {
		errs.Add(path+".amount", "at most "+strconv.Itoa(MaxIntegerDigits)+" integer digits", ErrInvalid)
	}
	// The currency's presence and code are checked by the iso4217 tag on
	// Lead.Value; custom-field money is checked here.
}

func checkTime(errs *ErrorList, path string, t time.Time) {
	if t.IsZero() {
		return
	}
	if t.Location() != time.UTC {
		errs.Add(path, "utc", ErrInvalid)
	}
	if y := t.Year(); y < 1 || y > 9999 {
		errs.Add(path, "year 1 to 9999", ErrInvalid)
	}
}

// check checks that f's value matches its type.
func (f CustomField) check(errs *ErrorList, p string) {
	set := map[string]bool{
		"text": f.Text != nil, "number": f.Number != nil, "money": f.Money != nil,
		"date": f.Date != nil, "time": !f.Time.IsZero(), "bool": f.Bool != nil,
		"options": f.Options != nil, "ref": f.Ref != nil, "raw": f.Raw != nil,
	}
	var allowed string
	switch f.Type {
	case FieldText, FieldURL:
		allowed = "text"
	case FieldNumber:
		allowed = "number"
	case FieldMoney:
		allowed = "money"
	case FieldDate:
		allowed = "date"
	case FieldDateTime:
		allowed = "time"
	case FieldBool:
		allowed = "bool"
	case FieldOption, FieldOptions:
		allowed = "options"
	case FieldUser, FieldPerson, FieldOrganization:
		allowed = "ref"
	case FieldRaw:
		allowed = "raw"
	default:
		return // the oneof tag reports it
	}
	for _, name := range []string{"text", "number", "money", "date", "time", "bool", "options", "ref", "raw"} {
		if set[name] && name != allowed {
			errs.Add(p+"."+name, "excluded for type "+string(f.Type), ErrInvalid)
		}
	}
	if f.Number != nil && (f.Number.Exponent() < -MaxScale || intDigits(*f.Number) > MaxIntegerDigits) {
		errs.Add(p+".number", "out of range", ErrInvalid)
	}
	if f.Money != nil {
		checkMoney(errs, p+".money", *f.Money) // the currency by its tag
	}
	if f.Date != nil && !f.Date.Valid() {
		errs.Add(p+".date", "date", ErrInvalid)
	}
	checkTime(errs, p+".time", f.Time)
	if f.Type == FieldOption && len(f.Options) > 1 {
		errs.Add(p+".options", "max=1", ErrInvalid)
	}
	for j, o := range f.Options {
		if o.ID == "" && o.Label == "" {
			errs.Add(p+".options"+IndexPath(j), "id or label required", ErrRequired)
		}
	}
	checkRef(errs, p+".ref", f.Ref)
	if f.Raw != nil && !json.Valid(f.Raw) {
		errs.Add(p+".raw", "json", ErrInvalid)
	}
}
