package convert

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/leadbridge/leadbridge/internal/exportjson"
	"github.com/leadbridge/leadbridge/lead"
)

// A Directory looks up the records a lead points at but does not contain:
// Pipedrive persons, organizations, users and lead labels, and Copper
// people, companies and users. A Pipedrive lead carries no contact data
// (name, email, phones and company live on the linked person and
// organization), so converting it to Copper needs a Directory; converting
// a Copper lead to Pipedrive uses one to find an existing person instead
// of creating a duplicate.
//
// Methods return false when the record is unknown. Find methods return
// every match, so a caller can refuse to choose among several.
type Directory interface {
	PipedrivePerson(id int64) (Person, bool)
	PipedriveOrganization(id int64) (Organization, bool)
	PipedriveUser(id int64) (User, bool)
	PipedriveLabel(id string) (LabelRecord, bool)
	CopperPerson(id int64) (Person, bool)
	CopperCompany(id int64) (Organization, bool)
	CopperUser(id int64) (User, bool)

	// FindPipedrivePersonsByEmail returns the persons with the address,
	// compared without regard to case and surrounding space.
	FindPipedrivePersonsByEmail(email string) []Person
	// FindPipedrivePersonsByName returns the persons with the name whose
	// organization has the company name; names compare after Unicode NFC
	// normalization, case folding and collapsing of spaces.
	FindPipedrivePersonsByName(name, company string) []Person
	// FindPipedriveOrganizationsByName returns the organizations with the
	// name, compared as in FindPipedrivePersonsByName.
	FindPipedriveOrganizationsByName(name string) []Organization
}

// A Person is a contact record: a Pipedrive person or a Copper person.
type Person struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name,omitempty"`
	FirstName string       `json:"first_name,omitempty"`
	LastName  string       `json:"last_name,omitempty"`
	JobTitle  string       `json:"job_title,omitempty"`
	Emails    []lead.Email `json:"emails,omitempty"`
	Phones    []lead.Phone `json:"phones,omitempty"`
	// OrganizationID is the Pipedrive org_id or the Copper company_id.
	OrganizationID int64 `json:"organization_id,omitempty"`
	// OrganizationName is the organization's or company's name.
	OrganizationName string `json:"organization_name,omitempty"`
	OwnerID          int64  `json:"owner_id,omitempty"`
}

// An Organization is a Pipedrive organization or a Copper company.
type Organization struct {
	ID      int64         `json:"id"`
	Name    string        `json:"name,omitempty"`
	Address *lead.Address `json:"address,omitempty"`
	OwnerID int64         `json:"owner_id,omitempty"`
}

// A User is a Pipedrive or Copper user.
type User struct {
	ID    int64  `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// A LabelRecord is a Pipedrive lead label (GET /v1/leadLabels).
type LabelRecord struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color,omitempty"`
}

// A MemoryDirectory is a Directory held in memory, filled from vendor
// exports with its Add methods or LoadDirectory. The zero value, and a
// nil *MemoryDirectory, is an empty directory. It is not safe for concurrent use while being filled.
type MemoryDirectory struct {
	pdPersons map[int64]Person
	pdOrgs    map[int64]Organization
	pdUsers   map[int64]User
	pdLabels  map[string]LabelRecord
	cpPeople  map[int64]Person
	cpCompany map[int64]Organization
	cpUsers   map[int64]User

	// Indexes of the Pipedrive persons and organizations, kept up to date
	// by the put methods, so a lookup costs the same for ten records or a
	// million: ids by lower-cased email, by folded person name, and by
	// folded organization name.
	pdPersonsByEmail map[string][]int64
	pdPersonsByName  map[string][]int64
	pdOrgsByName     map[string][]int64
}

// indexAdd adds id under key; indexRemove takes it out again.
func indexAdd(m *map[string][]int64, key string, id int64) {
	if key == "" {
		return
	}
	if *m == nil {
		*m = map[string][]int64{}
	}
	if !slices.Contains((*m)[key], id) {
		(*m)[key] = append((*m)[key], id)
	}
}

func indexRemove(m map[string][]int64, key string, id int64) {
	ids := slices.DeleteFunc(m[key], func(x int64) bool { return x == id })
	if len(ids) == 0 {
		delete(m, key)
	} else {
		m[key] = ids
	}
}

func emailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

var _ Directory = (*MemoryDirectory)(nil)

// LoadDirectory fills a MemoryDirectory from the export files found in
// pipedriveDir (persons.json, organizations.json, users.json,
// leadLabels.json: Pipedrive list responses) and copperDir (people.json,
// companies.json, users.json: Copper arrays). Missing files are skipped;
// either directory may be "".
func LoadDirectory(pipedriveDir, copperDir string) (*MemoryDirectory, error) {
	d := &MemoryDirectory{}
	type loader struct {
		dir, name string
		add       func([]byte) error
	}
	for _, l := range []loader{
		{pipedriveDir, "organizations.json", d.AddPipedriveOrganizations},
		{pipedriveDir, "persons.json", d.AddPipedrivePersons},
		{pipedriveDir, "users.json", d.AddPipedriveUsers},
		{pipedriveDir, "leadLabels.json", d.AddPipedriveLabels},
		{copperDir, "companies.json", d.AddCopperCompanies},
		{copperDir, "people.json", d.AddCopperPeople},
		{copperDir, "users.json", d.AddCopperUsers},
	} {
		if l.dir == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(l.dir, l.name))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := l.add(b); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(l.dir, l.name), err)
		}
	}
	return d, nil
}

// idOrObject decodes Pipedrive's owner_id / org_id, which is an integer, an
// object with "value" (and "id"), or null.
type idOrObject struct {
	ID    int64
	Name  string
	Email string
}

func (v *idOrObject) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if !strings.HasPrefix(s, "{") {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			// A type error, so encoding/json adds the field's path.
			return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[int64]()}
		}
		v.ID = n
		return nil
	}
	var o struct {
		ID    int64  `json:"id"`
		Value int64  `json:"value"`
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	v.ID, v.Name, v.Email = o.Value, o.Name, o.Email
	if v.ID == 0 {
		v.ID = o.ID
	}
	return nil
}

type pdContact struct {
	Label   string `json:"label"`
	Value   string `json:"value"`
	Primary bool   `json:"primary"`
}

// AddPipedrivePersons adds the persons of a GET /v1/persons response, and
// the users and organizations named in their owner_id and org_id objects.
func (d *MemoryDirectory) AddPipedrivePersons(b []byte) error {
	type person struct {
		ID        int64       `json:"id"`
		Name      string      `json:"name"`
		FirstName string      `json:"first_name"`
		LastName  string      `json:"last_name"`
		JobTitle  string      `json:"job_title"`
		OrgID     idOrObject  `json:"org_id"`
		OrgName   string      `json:"org_name"`
		OwnerID   idOrObject  `json:"owner_id"`
		Email     []pdContact `json:"email"`
		Phone     []pdContact `json:"phone"`
	}
	list, err := exportjson.PipedriveList[person](b)
	if err != nil {
		return err
	}
	for _, p := range list {
		rec := Person{ID: p.ID, Name: p.Name, FirstName: p.FirstName, LastName: p.LastName, JobTitle: p.JobTitle,
			OrganizationID: p.OrgID.ID, OrganizationName: p.OrgName, OwnerID: p.OwnerID.ID}
		if rec.OrganizationName == "" {
			rec.OrganizationName = p.OrgID.Name
		}
		// The primary address and number come first; empty values
		// (Pipedrive sends {"value": ""} for a person without a phone)
		// are not contact data.
		for _, e := range primaryFirst(p.Email) {
			rec.Emails = append(rec.Emails, lead.Email{Address: e.Value, Category: lead.Category(e.Label)})
		}
		for _, ph := range primaryFirst(p.Phone) {
			rec.Phones = append(rec.Phones, lead.Phone{Number: ph.Value, Category: lead.Category(ph.Label)})
		}
		d.putPipedrivePerson(rec)
		if p.OwnerID.ID != 0 && p.OwnerID.Name != "" {
			d.addPipedriveUser(User{ID: p.OwnerID.ID, Name: p.OwnerID.Name, Email: p.OwnerID.Email})
		}
	}
	return nil
}

func primaryFirst(list []pdContact) []pdContact {
	var out []pdContact
	for _, c := range list {
		if strings.TrimSpace(c.Value) != "" {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b pdContact) int {
		switch {
		case a.Primary == b.Primary:
			return 0
		case a.Primary:
			return -1
		}
		return 1
	})
	return out
}

// AddPipedriveOrganizations adds the organizations of a GET
// /v1/organizations response, and the users named in their owner_id.
func (d *MemoryDirectory) AddPipedriveOrganizations(b []byte) error {
	type org struct {
		ID         int64      `json:"id"`
		Name       string     `json:"name"`
		OwnerID    idOrObject `json:"owner_id"`
		Locality   string     `json:"address_locality"`
		AdminArea1 string     `json:"address_admin_area_level_1"`
		PostalCode string     `json:"address_postal_code"`
		Country    string     `json:"address_country"`
	}
	list, err := exportjson.PipedriveList[org](b)
	if err != nil {
		return err
	}
	for _, o := range list {
		rec := Organization{ID: o.ID, Name: o.Name, OwnerID: o.OwnerID.ID}
		if o.Locality != "" || o.PostalCode != "" || o.Country != "" {
			rec.Address = &lead.Address{City: o.Locality, State: o.AdminArea1, PostalCode: o.PostalCode, Country: o.Country}
		}
		d.putPipedriveOrganization(rec)
		if o.OwnerID.ID != 0 && o.OwnerID.Name != "" {
			d.addPipedriveUser(User{ID: o.OwnerID.ID, Name: o.OwnerID.Name, Email: o.OwnerID.Email})
		}
	}
	return nil
}

// AddPipedriveUsers adds the users of a GET /v1/users response.
func (d *MemoryDirectory) AddPipedriveUsers(b []byte) error {
	list, err := exportjson.PipedriveList[User](b)
	for _, u := range list {
		d.addPipedriveUser(u)
	}
	return err
}

// AddPipedriveLabels adds the labels of a GET /v1/leadLabels response.
func (d *MemoryDirectory) AddPipedriveLabels(b []byte) error {
	list, err := exportjson.PipedriveList[LabelRecord](b)
	if err != nil {
		return err
	}
	if d.pdLabels == nil {
		d.pdLabels = map[string]LabelRecord{}
	}
	for _, l := range list {
		d.pdLabels[strings.ToLower(l.ID)] = l
	}
	return nil
}

// AddCopperPeople adds the people of a Copper people export (an array as
// POST /people/search returns it).
func (d *MemoryDirectory) AddCopperPeople(b []byte) error {
	type person struct {
		ID          int64   `json:"id"`
		Name        string  `json:"name"`
		FirstName   *string `json:"first_name"`
		LastName    *string `json:"last_name"`
		Title       *string `json:"title"`
		CompanyID   *int64  `json:"company_id"`
		CompanyName *string `json:"company_name"`
		AssigneeID  *int64  `json:"assignee_id"`
		Emails      []struct {
			Email    string `json:"email"`
			Category string `json:"category"`
		} `json:"emails"`
		Phones []struct {
			Number   string `json:"number"`
			Category string `json:"category"`
		} `json:"phone_numbers"`
	}
	list, err := exportjson.DecodeList[person](b, "")
	if err != nil {
		return err
	}
	if d.cpPeople == nil {
		d.cpPeople = map[int64]Person{}
	}
	for _, p := range list {
		rec := Person{ID: p.ID, Name: p.Name, FirstName: deref(p.FirstName), LastName: deref(p.LastName),
			JobTitle: deref(p.Title), OrganizationName: deref(p.CompanyName)}
		if p.CompanyID != nil {
			rec.OrganizationID = *p.CompanyID
		}
		if p.AssigneeID != nil {
			rec.OwnerID = *p.AssigneeID
		}
		for _, e := range p.Emails {
			if e.Email != "" {
				rec.Emails = append(rec.Emails, lead.Email{Address: e.Email, Category: lead.Category(e.Category)})
			}
		}
		for _, ph := range p.Phones {
			if ph.Number != "" {
				rec.Phones = append(rec.Phones, lead.Phone{Number: ph.Number, Category: lead.Category(ph.Category)})
			}
		}
		d.cpPeople[p.ID] = rec
	}
	return nil
}

// AddCopperCompanies adds the companies of a Copper companies export.
func (d *MemoryDirectory) AddCopperCompanies(b []byte) error {
	type company struct {
		ID         int64  `json:"id"`
		Name       string `json:"name"`
		AssigneeID *int64 `json:"assignee_id"`
		Address    *struct {
			Street     *string `json:"street"`
			City       *string `json:"city"`
			State      *string `json:"state"`
			PostalCode *string `json:"postal_code"`
			Country    *string `json:"country"`
		} `json:"address"`
	}
	list, err := exportjson.DecodeList[company](b, "")
	if err != nil {
		return err
	}
	if d.cpCompany == nil {
		d.cpCompany = map[int64]Organization{}
	}
	for _, c := range list {
		rec := Organization{ID: c.ID, Name: c.Name}
		if c.AssigneeID != nil {
			rec.OwnerID = *c.AssigneeID
		}
		if a := c.Address; a != nil {
			rec.Address = &lead.Address{Street: deref(a.Street), City: deref(a.City), State: deref(a.State),
				PostalCode: deref(a.PostalCode), Country: deref(a.Country)}
		}
		d.cpCompany[c.ID] = rec
	}
	return nil
}

// AddCopperUsers adds the users of a Copper users export.
func (d *MemoryDirectory) AddCopperUsers(b []byte) error {
	list, err := exportjson.DecodeList[User](b, "")
	if err != nil {
		return err
	}
	if d.cpUsers == nil {
		d.cpUsers = map[int64]User{}
	}
	for _, u := range list {
		d.cpUsers[u.ID] = u
	}
	return nil
}

// PutPipedrivePerson adds or replaces a Pipedrive person, as a loader does
// after creating one.
func (d *MemoryDirectory) PutPipedrivePerson(p Person) { d.putPipedrivePerson(p) }

// PutPipedriveOrganization adds or replaces a Pipedrive organization.
func (d *MemoryDirectory) PutPipedriveOrganization(o Organization) { d.putPipedriveOrganization(o) }

func (d *MemoryDirectory) putPipedrivePerson(p Person) {
	if d.pdPersons == nil {
		d.pdPersons = map[int64]Person{}
	}
	if p.OrganizationName == "" && p.OrganizationID != 0 {
		if o, ok := d.pdOrgs[p.OrganizationID]; ok {
			p.OrganizationName = o.Name
		}
	}
	if old, ok := d.pdPersons[p.ID]; ok {
		for _, e := range old.Emails {
			indexRemove(d.pdPersonsByEmail, emailKey(e.Address), old.ID)
		}
		indexRemove(d.pdPersonsByName, foldName(old.Name), old.ID)
	}
	d.pdPersons[p.ID] = p
	for _, e := range p.Emails {
		indexAdd(&d.pdPersonsByEmail, emailKey(e.Address), p.ID)
	}
	indexAdd(&d.pdPersonsByName, foldName(p.Name), p.ID)
}

func (d *MemoryDirectory) putPipedriveOrganization(o Organization) {
	if d.pdOrgs == nil {
		d.pdOrgs = map[int64]Organization{}
	}
	if old, ok := d.pdOrgs[o.ID]; ok {
		indexRemove(d.pdOrgsByName, foldName(old.Name), old.ID)
	}
	d.pdOrgs[o.ID] = o
	indexAdd(&d.pdOrgsByName, foldName(o.Name), o.ID)
}

func (d *MemoryDirectory) addPipedriveUser(u User) {
	if d.pdUsers == nil {
		d.pdUsers = map[int64]User{}
	}
	if _, ok := d.pdUsers[u.ID]; !ok {
		d.pdUsers[u.ID] = u
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// PipedrivePerson implements Directory.
func (d *MemoryDirectory) PipedrivePerson(id int64) (Person, bool) {
	if d == nil {
		return Person{}, false
	}
	p, ok := d.pdPersons[id]
	if ok && p.OrganizationName == "" && p.OrganizationID != 0 {
		if o, found := d.pdOrgs[p.OrganizationID]; found {
			p.OrganizationName = o.Name
		}
	}
	return p, ok
}

// PipedriveOrganization implements Directory.
func (d *MemoryDirectory) PipedriveOrganization(id int64) (Organization, bool) {
	if d == nil {
		return Organization{}, false
	}
	o, ok := d.pdOrgs[id]
	return o, ok
}

// PipedriveUser implements Directory.
func (d *MemoryDirectory) PipedriveUser(id int64) (User, bool) {
	if d == nil {
		return User{}, false
	}
	u, ok := d.pdUsers[id]
	return u, ok
}

// PipedriveLabel implements Directory.
func (d *MemoryDirectory) PipedriveLabel(id string) (LabelRecord, bool) {
	if d == nil {
		return LabelRecord{}, false
	}
	l, ok := d.pdLabels[strings.ToLower(id)]
	return l, ok
}

// CopperPerson implements Directory.
func (d *MemoryDirectory) CopperPerson(id int64) (Person, bool) {
	if d == nil {
		return Person{}, false
	}
	p, ok := d.cpPeople[id]
	return p, ok
}

// CopperCompany implements Directory.
func (d *MemoryDirectory) CopperCompany(id int64) (Organization, bool) {
	if d == nil {
		return Organization{}, false
	}
	c, ok := d.cpCompany[id]
	return c, ok
}

// CopperUser implements Directory.
func (d *MemoryDirectory) CopperUser(id int64) (User, bool) {
	if d == nil {
		return User{}, false
	}
	u, ok := d.cpUsers[id]
	return u, ok
}

// FindPipedrivePersonsByEmail implements Directory. Results are sorted by
// id.
func (d *MemoryDirectory) FindPipedrivePersonsByEmail(email string) []Person {
	if d == nil {
		return nil
	}
	want := emailKey(email)
	if want == "" {
		return nil
	}
	var out []Person
	for _, id := range d.pdPersonsByEmail[want] {
		p, _ := d.PipedrivePerson(id)
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Person) int { return compareID(a.ID, b.ID) })
	return out
}

// FindPipedrivePersonsByName implements Directory. Both the name and the
// company must match; a person without organization matches company "".
// Results are sorted by id.
func (d *MemoryDirectory) FindPipedrivePersonsByName(name, company string) []Person {
	if d == nil {
		return nil
	}
	want, wantCo := foldName(name), foldName(company)
	if want == "" {
		return nil
	}
	var out []Person
	for _, id := range d.pdPersonsByName[want] {
		p, _ := d.PipedrivePerson(id)
		if foldName(p.OrganizationName) == wantCo {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b Person) int { return compareID(a.ID, b.ID) })
	return out
}

// FindPipedriveOrganizationsByName implements Directory. Results are sorted
// by id.
func (d *MemoryDirectory) FindPipedriveOrganizationsByName(name string) []Organization {
	if d == nil {
		return nil
	}
	want := foldName(name)
	if want == "" {
		return nil
	}
	var out []Organization
	for _, id := range d.pdOrgsByName[want] {
		out = append(out, d.pdOrgs[id])
	}
	slices.SortFunc(out, func(a, b Organization) int { return compareID(a.ID, b.ID) })
	return out
}

func compareID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// foldName normalizes a name for comparison: NFC, case folded, inner
// white space collapsed to one space, trimmed.
func foldName(s string) string {
	s = norm.NFC.String(s)
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}
