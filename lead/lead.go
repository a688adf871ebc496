package lead

import (
	"encoding/json"
	"time"
)

// A Lead is the canonical shape of a CRM lead: one value that can hold the
// meaning of a Pipedrive lead and of a Copper lead without loss.
//
// The lead's own subject (Pipedrive "title") is Title; the contact person's
// name is Name and their professional title is JobTitle (Copper "name" and
// "title"). Every field is optional in the type; Validate says which
// combinations are acceptable. The zero Lead is empty, not valid.
//
// Its JSON encoding is the interchange and golden-file format: snake_case
// keys in the order of the fields below, empty fields left out, money as a
// JSON number that keeps its scale, dates as "YYYY-MM-DD", timestamps as
// RFC 3339 in UTC with their sub-second digits.
//
// A Lead holds pointers, slices and maps: assigning it (after := before)
// copies the references, so a change through after.Person, after.Value,
// after.Labels[0] or after.Vendor changes before as well, and an update
// built from the two finds nothing to send. Use [Lead.Clone] for a copy
// to edit.
type Lead struct {
	// IDs are the lead's ids in source systems, one per system at most:
	// {System: "pipedrive", ID: "<uuid>"}, {System: "copper", ID: "<int>"}.
	// Ids of different systems are never compared with each other.
	IDs []Ref `json:"ids,omitempty"`

	// Title is the lead's own name or subject ("Acme – renewal"), not a
	// person's name.
	Title string `json:"title,omitempty"`

	// Name is the contact person's name, as parts and as a full name.
	Name Name `json:"name,omitzero"`
	// JobTitle is the contact person's professional title.
	JobTitle string `json:"job_title,omitempty"`
	// Emails are the contact's email addresses; the first is the primary.
	Emails []Email `json:"emails,omitempty"`
	// Phones are the contact's phone numbers.
	Phones []Phone `json:"phone_numbers,omitempty"`
	// Socials are the contact's social profiles.
	Socials []Social `json:"socials,omitempty"`
	// Websites are the contact's websites.
	Websites []Website `json:"websites,omitempty"`
	// Address is the contact's postal address.
	Address *Address `json:"address,omitempty"`

	// CompanyName is the name of the company the lead belongs to.
	CompanyName string `json:"company_name,omitempty"`
	// Person references a person record the lead is linked to in a source
	// system (Pipedrive person_id).
	Person *Ref `json:"person,omitempty"`
	// Organization references an organization record the lead is linked
	// to in a source system (Pipedrive organization_id).
	Organization *Ref `json:"organization,omitempty"`

	// Owner references the user who owns the lead (Pipedrive owner_id,
	// Copper assignee_id).
	Owner *Ref `json:"owner,omitempty"`
	// Creator references the user who created the lead.
	Creator *Ref `json:"creator,omitempty"`

	// Value is the lead's potential value.
	Value *Money `json:"value,omitempty"`
	// ExpectedCloseDate is a civil date without time of day or zone.
	ExpectedCloseDate *Date `json:"expected_close_date,omitempty"`

	// Status is the lead's qualification status.
	Status Status `json:"status,omitempty"`
	// StatusRef references the status in a source system's own list of
	// statuses (Copper status_id), which may name statuses beyond the four
	// canonical ones; StatusName then holds that name.
	StatusRef *Ref `json:"status_ref,omitempty"`
	// StatusName is the status as the source system names it, kept when it
	// is not one of the canonical statuses (a Copper account's "Junk").
	StatusName string `json:"status_name,omitempty"`
	// Archived tells whether the lead is archived; absent when unknown.
	Archived Optional[bool] `json:"archived,omitzero"`
	// Seen tells whether someone has looked at the lead; absent when unknown.
	Seen Optional[bool] `json:"seen,omitzero"`

	// Labels are the lead's labels or tags.
	Labels []Label `json:"labels,omitempty"`
	// Source says where the lead came from.
	Source *Source `json:"source,omitempty"`
	// Visibility says who may see the lead.
	Visibility Visibility `json:"visibility,omitempty"`

	// Description is free text about the lead (Copper details).
	Description string `json:"description,omitempty"`
	// CreatedAt, ModifiedAt and LastContactedAt are instants in UTC with
	// their sub-second precision.
	CreatedAt       time.Time `json:"created_at,omitzero"`
	ModifiedAt      time.Time `json:"modified_at,omitzero"`
	LastContactedAt time.Time `json:"last_contacted_at,omitzero"`
	// NextActivity references the next activity planned for the lead.
	NextActivity *Ref `json:"next_activity,omitempty"`
	// InteractionCount is the number of interactions a source recorded.
	InteractionCount Optional[int64] `json:"interaction_count,omitzero"`
	// BCCEmail is the address that files mail into the lead (Pipedrive
	// cc_email, documented as "the BCC email of the lead").
	BCCEmail string `json:"bcc_email,omitempty"`

	// CustomFields are the account-defined fields, in the source's order.
	CustomFields []CustomField `json:"custom_fields,omitempty"`

	// Vendor holds, per source system, what that system sent and the
	// canonical model has no field for, so that a translation back to the
	// same system restores it exactly. Keyed by system name.
	Vendor map[string]VendorData `json:"vendor,omitempty"`
}

// A Ref points at a record in a source system: a user, a person, an
// organization, a label, a channel, a status or an activity. IDs keep the
// source's spelling: "123" for an integer id, a UUID as written.
type Ref struct {
	System string `json:"system"`
	ID     string `json:"id"`
}

// Name is a person's name, as parts and as a full name. Full holds the name
// as the source wrote it; the parts are kept as given, never derived here.
type Name struct {
	Full   string `json:"full,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	First  string `json:"first,omitempty"`
	Middle string `json:"middle,omitempty"`
	Last   string `json:"last,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// IsZero reports whether no part of the name is set.
func (n Name) IsZero() bool { return n == Name{} }

// An Email is an email address with its category.
type Email struct {
	Address  string   `json:"address" validate:"required,email"`
	Category Category `json:"category,omitempty"`
}

// A Phone is a phone number with its category. Numbers are kept as written.
type Phone struct {
	Number   string   `json:"number"`
	Category Category `json:"category,omitempty"`
}

// A Social is a social profile URL with its category ("linkedin", ...).
type Social struct {
	URL      string   `json:"url"`
	Category Category `json:"category,omitempty"`
}

// A Website is a website URL with its category.
type Website struct {
	URL      string   `json:"url"`
	Category Category `json:"category,omitempty"`
}

// Category is the kind of an email, phone, social profile or website. The
// documented categories have constants; any other value a source sends is
// kept as it is, never coerced.
type Category string

// The categories the vendors document, by kind. Some names serve several
// kinds ("work", "other").
const (
	CategoryWork     Category = "work"
	CategoryPersonal Category = "personal"
	CategoryHome     Category = "home"
	CategoryMobile   Category = "mobile"
	CategoryOther    Category = "other"

	CategoryLinkedIn   Category = "linkedin"
	CategoryTwitter    Category = "twitter"
	CategoryGooglePlus Category = "googleplus"
	CategoryFacebook   Category = "facebook"
	CategoryYouTube    Category = "youtube"
	CategoryQuora      Category = "quora"
	CategoryFoursquare Category = "foursquare"
	CategoryKlout      Category = "klout"
	CategoryGravatar   Category = "gravatar"
)

// An Address is a postal address. Country is kept as written (a name or
// an ISO 3166 code).
type Address struct {
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// A Label is a lead label or tag: its name, and the source's label id
// where the source has one (Pipedrive lead labels; Copper tags have none).
type Label struct {
	Name string `json:"name,omitempty"`
	Ref  *Ref   `json:"ref,omitempty"`
	// Color is the label's color where the source has one ("green").
	Color string `json:"color,omitempty"`
}

// Source says where a lead came from.
type Source struct {
	// Name is the source as the system names it (Pipedrive source_name:
	// "API", "Manually created").
	Name string `json:"name,omitempty"`
	// Origin is how the lead was created (Pipedrive origin), set by the
	// source system.
	Origin string `json:"origin,omitempty"`
	// OriginID further distinguishes the origin (Pipedrive origin_id).
	OriginID string `json:"origin_id,omitempty"`
	// Channel references the marketing channel (Pipedrive channel).
	Channel *Ref `json:"channel,omitempty"`
	// ChannelID further distinguishes the channel (Pipedrive channel_id).
	ChannelID string `json:"channel_id,omitempty"`
	// CustomerSource references a customer source record (Copper
	// customer_source_id).
	CustomerSource *Ref `json:"customer_source,omitempty"`
}

// Status is a lead's qualification status.
type Status string

// The canonical statuses.
const (
	StatusNew         Status = "new"
	StatusUnqualified Status = "unqualified"
	StatusContacted   Status = "contacted"
	StatusQualified   Status = "qualified"
)

// Visibility says who may see a lead.
type Visibility string

// The canonical visibilities. Pipedrive's visible_to codes mean different
// ones depending on the account's plan; the pipedrive package maps them.
const (
	VisibilityOwnerOnly         Visibility = "owner_only"
	VisibilityOwnerAndFollowers Visibility = "owner_and_followers"
	VisibilityOwnerGroup        Visibility = "owner_group"
	VisibilityGroupAndSubgroups Visibility = "owner_group_and_subgroups"
	VisibilityEntireCompany     Visibility = "entire_company"
)

// VendorData is what one source system sent that the canonical model has
// no field for, kept so a translation back to that system restores it.
type VendorData struct {
	// Fields are keys the model does not name (unknown keys, read-only
	// keys of the source), with their exact JSON values, compacted.
	Fields map[string]json.RawMessage `json:"fields,omitempty"`
	// Absent lists keys the model names but the source left out
	// altogether (as opposed to sending null), sorted.
	Absent []string `json:"absent,omitempty"`
	// Null lists keys the source sent as null where the model's empty
	// value would otherwise be written differently (an empty list), sorted.
	Null []string `json:"null,omitempty"`
	// AsWritten keeps the source's spelling of values the model holds in
	// normalized form (a timestamp's digits, a number's exponent). A
	// translator uses an entry only while it still denotes the value the
	// Lead holds, so an edited Lead is never overwritten by a stale one.
	AsWritten map[string]json.RawMessage `json:"as_written,omitempty"`
}

// IsZero reports whether d holds nothing.
func (d VendorData) IsZero() bool {
	return len(d.Fields) == 0 && len(d.Absent) == 0 && len(d.Null) == 0 && len(d.AsWritten) == 0
}
