package copper

import (
	"strconv"
	"sync"
	"time"

	"github.com/leadbridge/leadbridge/lead"
)

// System is the name of Copper in lead.Ref.System, in the key of
// lead.Lead.Vendor and in default custom-field keys ("copper:420101").
const System = "copper"

// A Translator converts between Copper leads and lead.Lead. It holds what
// one Copper account knows and a Lead does not. The zero Translator is
// ready to use: it keeps custom fields as raw JSON under "copper:<id>",
// carries statuses outside the documented four unverified, leaves an
// amount without monetary_unit out of Lead.Value and takes custom Dates in
// UTC.
type Translator struct {
	// Definitions are the account's custom field definitions, from
	// GET /custom_field_definitions. With them custom fields are typed.
	Definitions []CustomFieldDefinition
	// Statuses are the account's lead statuses, from GET /lead_statuses.
	// A status named there is accepted and kept in Lead.StatusName, and
	// one outside the documented four not named there is an error. With
	// no Statuses, such a status is kept and reported as unverified.
	Statuses []LeadStatus
	// DefaultCurrency is the ISO 4217 code used for monetary_value when a
	// lead has no monetary_unit (and for Currency fields whose definition
	// names none). Empty means no default: the amount stays in vendor data.
	DefaultCurrency string
	// Location is the account's time zone, primary_timezone of GET
	// /account. Copper keeps a custom Date as Unix seconds at midnight in
	// that zone: ToLead reads the calendar day there and FromLead writes
	// midnight there. nil means UTC, and a converted Date says so in the
	// Report.
	Location *time.Location
}

// location returns t.Location, or UTC.
func (t Translator) location() *time.Location {
	if t.Location == nil {
		return time.UTC
	}
	return t.Location
}

func (t Translator) definition(id int64) *CustomFieldDefinition {
	for i := range t.Definitions {
		if t.Definitions[i].ID == id {
			return &t.Definitions[i]
		}
	}
	return nil
}

func (t Translator) knownStatus(name string) bool {
	for _, s := range t.Statuses {
		if s.Name == name {
			return true
		}
	}
	return false
}

// statusNames maps Copper's documented statuses to the canonical ones.
var statusNames = [...]struct {
	copper string
	status lead.Status
}{
	{"New", lead.StatusNew},
	{"Unqualified", lead.StatusUnqualified},
	{"Contacted", lead.StatusContacted},
	{"Qualified", lead.StatusQualified},
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// The range of Unix seconds whose instant lies in years 1 to 9999 UTC.
const (
	minUnix = -62135596800
	maxUnix = 253402300799
)

// report adds to r when r is not nil.
func report(r *lead.Report, path string, kind lead.ChangeKind, reason string) {
	if r != nil {
		r.Add(path, kind, reason)
	}
}

// drop adds a dropped field of the given loss kind to r when r is not nil.
func drop(r *lead.Report, path string, loss lead.LossKind, reason string) {
	if r != nil {
		r.Drop(path, loss, reason, "")
	}
}

// scratch holds buffers for JSON that is compared and then dropped.
var scratch = sync.Pool{New: func() any {
	b := make([]byte, 0, 8192)
	return &b
}}

func getScratch() *[]byte { return scratch.Get().(*[]byte) }

func putScratch(b *[]byte) {
	*b = (*b)[:0]
	scratch.Put(b)
}
