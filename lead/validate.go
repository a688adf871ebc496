package lead

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
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
// The rules: email addresses are addresses; currencies are ISO 4217
// unless marked custom (see [Money]);
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
	// The tagged parts go through validator one small struct at a time:
	// walking the whole Lead by reflection costs ten times as much.
	for i := range l.Emails {
		structErrs(&errs, "emails"+IndexPath(i), &l.Emails[i])
	}
	for i := range l.Phones {
		if l.Phones[i].Number == "" {
			errs.Add("phone_numbers"+IndexPath(i)+".number", "required", ErrRequired)
		}
	}
	for i := range l.Socials {
		if l.Socials[i].URL == "" {
			errs.Add("socials"+IndexPath(i)+".url", "required", ErrRequired)
		}
	}
	for i := range l.Websites {
		if l.Websites[i].URL == "" {
			errs.Add("websites"+IndexPath(i)+".url", "required", ErrRequired)
		}
	}
	l.checkRules(&errs)
	return errs.Err()
}

// structErrs validates the tags of the struct s points to and adds what
// fails under path.
func structErrs(errs *ErrorList, path string, s any) {
	err := validate().Struct(s)
	if err == nil {
		return
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		errs.Add(path, "invalid", err)
		return
	}
	for _, fe := range verrs {
		_, sub, _ := strings.Cut(fe.Namespace(), ".") // "Email.address" -> "address"
		rule := fe.Tag()
		if fe.Param() != "" {
			rule += "=" + fe.Param()
		}
		cause := ErrInvalid
		if fe.Tag() == "required" {
			cause = ErrRequired
		}
		errs.Add(JoinPath(path, sub), rule, cause)
	}
}

// checkRules checks what no validator tag can say.
func (l Lead) checkRules(errs *ErrorList) {
	// A lead needs something to call it by.
	if l.Title == "" && l.Name.IsZero() && l.CompanyName == "" && l.Person == nil &&
		l.Organization == nil && len(l.Emails) == 0 && len(l.Phones) == 0 {
		errs.Add("", "one of title, name, company_name, person, organization, emails, phone_numbers is required", ErrRequired)
	}
	// Each system has at most one id for the lead.
	for i, id := range l.IDs {
		if id.System == "" || id.ID == "" {
			checkRef(errs, "ids"+IndexPath(i), &id)
		}
		if slices.ContainsFunc(l.IDs[:i], func(r Ref) bool { return r.System == id.System }) {
			errs.Add("ids"+IndexPath(i)+".system", "unique", ErrInvalid)
		}
	}
	checkRef(errs, "person", l.Person)
	checkRef(errs, "organization", l.Organization)
	checkRef(errs, "owner", l.Owner)
	checkRef(errs, "creator", l.Creator)
	checkRef(errs, "status_ref", l.StatusRef)
	checkRef(errs, "next_activity", l.NextActivity)
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
	checkTime(errs, "created_at", l.CreatedAt)
	checkTime(errs, "modified_at", l.ModifiedAt)
	checkTime(errs, "last_contacted_at", l.LastContactedAt)
	if n, ok := l.InteractionCount.Get(); ok && n < 0 {
		errs.Add("interaction_count", "min=0", ErrInvalid)
	}
	for i, lb := range l.Labels {
		if lb.Name == "" && lb.Ref == nil {
			errs.Add("labels"+IndexPath(i)+".name", "required without ref", ErrRequired)
		}
		if lb.Ref != nil && (lb.Ref.System == "" || lb.Ref.ID == "") {
			checkRef(errs, "labels"+IndexPath(i)+".ref", lb.Ref)
		}
	}
	for i := range l.CustomFields {
		f := &l.CustomFields[i]
		if f.Key != "" && slices.ContainsFunc(l.CustomFields[:i], func(g CustomField) bool { return g.Key == f.Key }) {
			errs.Add("custom_fields"+IndexPath(i)+".key", "unique", ErrInvalid)
		}
		f.check(errs, i)
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
	// Rule: a currency is an ISO 4217 code, or an account's own code
	// marked CustomCurrency.
	switch {
	case m.Currency == "":
		errs.Add(path+".currency", "required", ErrRequired)
	case !m.CustomCurrency && !IsISO4217(m.Currency):
		errs.Add(path+".currency", "iso4217", ErrInvalid)
	}
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

// check checks custom field i: its key, its type and that its value
// matches its type. Paths are built only for what fails.
func (f *CustomField) check(errs *ErrorList, i int) {
	var errsHere ErrorList
	f.checkAt(&errsHere)
	if len(errsHere) > 0 {
		errs.Append("custom_fields"+IndexPath(i), errsHere)
	}
}

func (f *CustomField) checkAt(errs *ErrorList) {
	if f.Key == "" {
		errs.Add("key", "required", ErrRequired)
	}
	if f.Type == "" {
		errs.Add("type", "required", ErrRequired)
	}
	checkRef(errs, "source", f.Source)
	parts := [...]struct {
		name string
		set  bool
	}{
		{"text", f.Text != nil}, {"number", f.Number != nil}, {"money", f.Money != nil},
		{"date", f.Date != nil}, {"time", !f.Time.IsZero()}, {"bool", f.Bool != nil},
		{"options", f.Options != nil}, {"ref", f.Ref != nil}, {"raw", f.Raw != nil},
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
	case "":
		return
	default:
		errs.Add("type", "oneof=text number money date datetime bool option options url user person organization raw", ErrInvalid)
		return
	}
	for _, part := range parts {
		if part.set && part.name != allowed {
			errs.Add(part.name, "excluded for type "+string(f.Type), ErrInvalid)
		}
	}
	if f.Number != nil && (f.Number.Exponent() < -MaxScale || intDigits(*f.Number) > MaxIntegerDigits) {
		errs.Add("number", "out of range", ErrInvalid)
	}
	if f.Money != nil {
		checkMoney(errs, "money", *f.Money)
	}
	if f.Date != nil && !f.Date.Valid() {
		errs.Add("date", "date", ErrInvalid)
	}
	checkTime(errs, "time", f.Time)
	if f.Type == FieldOption && len(f.Options) > 1 {
		errs.Add("options", "max=1", ErrInvalid)
	}
	for j, o := range f.Options {
		if o.ID == "" && o.Label == "" {
			errs.Add("options"+IndexPath(j), "id or label required", ErrRequired)
		}
	}
	checkRef(errs, "ref", f.Ref)
	if f.Raw != nil && !json.Valid(f.Raw) {
		errs.Add("raw", "json", ErrInvalid)
	}
}
