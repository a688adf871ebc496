package convert

import (
	"maps"
	"slices"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// A Bundle is what a Copper lead becomes in Pipedrive: a Pipedrive lead
// must link to a person or an organization that exists before it (POST
// /v1/leads: "If the person does not exist yet, it needs to be created
// first"). A loader executes a Bundle in field order:
//
//  1. Organization, when set: POST /v1/organizations.
//  2. Person, when set: POST /v1/persons, after setting every field that
//     Refs maps to "organization" to the new organization's id.
//  3. Lead: POST /v1/leads, after filling its fields that Refs names.
//  4. When Archive is true: PATCH /v1/leads/{id} {"is_archived": true},
//     which Pipedrive accepts only on update.
//
// Refs is explicit about every id the loader fills: its keys are paths in
// the bundle ("lead.person_id", "lead.organization_id", "person.org_id"),
// its values the record whose new id goes there ("person",
// "organization"). A person or organization found in the Directory is not
// created: its id is already in the lead and Refs does not name it.
type Bundle struct {
	Organization *OrganizationCreate      `json:"organization,omitempty"`
	Person       *PersonCreate            `json:"person,omitempty"`
	Lead         pipedrive.AddLeadRequest `json:"lead"`
	Refs         map[string]string        `json:"$refs,omitempty"`
	Archive      bool                     `json:"archive,omitempty"`
}

// PersonCreate is the body of POST /v1/persons (Pipedrive API v1,
// Persons: addPerson): name, owner_id, org_id, email, phone, visible_to,
// job_title and postal_address (one line, which Pipedrive splits into its
// parts).
type PersonCreate struct {
	Name          string         `json:"name"`
	OwnerID       int64          `json:"owner_id,omitempty"`
	OrgID         int64          `json:"org_id,omitempty"`
	Email         []ContactValue `json:"email,omitempty"`
	Phone         []ContactValue `json:"phone,omitempty"`
	VisibleTo     string         `json:"visible_to,omitempty"`
	JobTitle      string         `json:"job_title,omitempty"`
	PostalAddress string         `json:"postal_address,omitempty"`
}

// ContactValue is one element of a Pipedrive person's email or phone list:
// {value, primary, label}.
type ContactValue struct {
	Value   string `json:"value"`
	Primary bool   `json:"primary"`
	Label   string `json:"label,omitempty"`
}

// OrganizationCreate is the body of POST /v1/organizations (Pipedrive API
// v1, Organizations: addOrganization): name, owner_id, visible_to.
type OrganizationCreate struct {
	Name      string `json:"name"`
	OwnerID   int64  `json:"owner_id,omitempty"`
	VisibleTo string `json:"visible_to,omitempty"`
}

// AppendJSON appends the bundle as compact JSON: what encoding/json writes
// for it with HTML escaping off, without reflection.
func (b Bundle) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if b.Organization != nil {
		dst = append(dst, `"organization":`...)
		dst = b.Organization.appendJSON(dst)
		dst = append(dst, ',')
	}
	if b.Person != nil {
		dst = append(dst, `"person":`...)
		dst = b.Person.appendJSON(dst)
		dst = append(dst, ',')
	}
	dst = append(dst, `"lead":`...)
	dst = b.Lead.AppendJSON(dst)
	if len(b.Refs) > 0 {
		dst = append(dst, `,"$refs":{`...)
		for i, k := range slices.Sorted(maps.Keys(b.Refs)) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonwire.AppendKey(dst, k)
			dst = jsonwire.AppendString(dst, b.Refs[k])
		}
		dst = append(dst, '}')
	}
	if b.Archive {
		dst = append(dst, `,"archive":true`...)
	}
	return append(dst, '}')
}

// MarshalJSON encodes the bundle with AppendJSON.
func (b Bundle) MarshalJSON() ([]byte, error) { return b.AppendJSON(nil), nil }

func (p *PersonCreate) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"name":`...)
	dst = jsonwire.AppendString(dst, p.Name)
	if p.OwnerID != 0 {
		dst = append(dst, `,"owner_id":`...)
		dst = jsonwire.AppendInt(dst, p.OwnerID)
	}
	if p.OrgID != 0 {
		dst = append(dst, `,"org_id":`...)
		dst = jsonwire.AppendInt(dst, p.OrgID)
	}
	for _, list := range []struct {
		key    string
		values []ContactValue
	}{{`,"email":[`, p.Email}, {`,"phone":[`, p.Phone}} {
		if len(list.values) == 0 {
			continue
		}
		dst = append(dst, list.key...)
		for i, v := range list.values {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"value":`...)
			dst = jsonwire.AppendString(dst, v.Value)
			dst = append(dst, `,"primary":`...)
			dst = jsonwire.AppendBool(dst, v.Primary)
			if v.Label != "" {
				dst = append(dst, `,"label":`...)
				dst = jsonwire.AppendString(dst, v.Label)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if p.VisibleTo != "" {
		dst = append(dst, `,"visible_to":`...)
		dst = jsonwire.AppendString(dst, p.VisibleTo)
	}
	if p.JobTitle != "" {
		dst = append(dst, `,"job_title":`...)
		dst = jsonwire.AppendString(dst, p.JobTitle)
	}
	if p.PostalAddress != "" {
		dst = append(dst, `,"postal_address":`...)
		dst = jsonwire.AppendString(dst, p.PostalAddress)
	}
	return append(dst, '}')
}

func (o *OrganizationCreate) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"name":`...)
	dst = jsonwire.AppendString(dst, o.Name)
	if o.OwnerID != 0 {
		dst = append(dst, `,"owner_id":`...)
		dst = jsonwire.AppendInt(dst, o.OwnerID)
	}
	if o.VisibleTo != "" {
		dst = append(dst, `,"visible_to":`...)
		dst = jsonwire.AppendString(dst, o.VisibleTo)
	}
	return append(dst, '}')
}
