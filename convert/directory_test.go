package convert

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/lead"
)

func TestLoadDirectory(t *testing.T) {
	d := sampleDirectory(t)
	p, ok := d.PipedrivePerson(2101)
	if !ok {
		t.Fatal("person 2101 missing")
	}
	want := Person{ID: 2101, Name: "Anna Schäfer", FirstName: "Anna", LastName: "Schäfer",
		Emails:         []lead.Email{{Address: "anna.schaefer@brandt-soehne.de", Category: "work"}},
		Phones:         []lead.Phone{{Number: "+49 30 9018 2044", Category: "work"}, {Number: "+49 171 5550 193", Category: "mobile"}},
		OrganizationID: 501, OrganizationName: "Brandt & Söhne GmbH", OwnerID: 11208433}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("PipedrivePerson(2101) mismatch (-want +got):\n%s", diff)
	}
	// Pipedrive sends {"value": ""} for a person without a phone.
	if p, _ := d.PipedrivePerson(2110); len(p.Phones) != 0 || p.OrganizationID != 0 {
		t.Errorf("person 2110: %+v", p)
	}
	if u, ok := d.PipedriveUser(11208433); !ok || u.Name != "Maria Keller" {
		t.Errorf("users from owner_id objects: %+v %v", u, ok)
	}
	if l, ok := d.PipedriveLabel("5B2E5C40-53F1-11EA-A1C4-2B9D3F1A7E01"); !ok || l.Name != "Hot" {
		t.Errorf("label by upper-case UUID: %+v %v", l, ok)
	}
	if o, ok := d.PipedriveOrganization(504); !ok || o.Name != "上海明辉科技有限公司" {
		t.Errorf("organization 504: %+v", o)
	}
	if c, ok := d.CopperCompany(31740201); !ok || c.Address == nil || c.Address.City != "Berlin" {
		t.Errorf("company 31740201: %+v", c)
	}
	if p, ok := d.CopperPerson(68120310); !ok || p.OrganizationID != 0 || p.OwnerID != 902114 {
		t.Errorf("copper person 68120310: %+v", p)
	}
	if u, ok := d.CopperUser(814201); !ok || u.Name != "Rachel Kim" {
		t.Errorf("copper user: %+v", u)
	}
}

func TestFind(t *testing.T) {
	d := sampleDirectory(t)
	ids := func(ps []Person) []int64 {
		var out []int64
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	tests := []struct {
		name string
		got  []int64
		want []int64
	}{
		{"email, case and space", ids(d.FindPipedrivePersonsByEmail("  D.Sokolov@SEVERVETER.ru ")), []int64{2103}},
		{"second address", ids(d.FindPipedrivePersonsByEmail("dsokolov@yandex.ru")), []int64{2103}},
		{"unknown email", ids(d.FindPipedrivePersonsByEmail("nobody@example.com")), nil},
		{"empty email", ids(d.FindPipedrivePersonsByEmail("")), nil},
		// "Chloé" in decomposed form (e + combining acute) matches the composed one.
		{"name NFC and company", ids(d.FindPipedrivePersonsByName("Chloe\u0301  Dubois-Lefèvre", "café lumière sarl")), []int64{2109}},
		{"name with wrong company", ids(d.FindPipedrivePersonsByName("Chloé Dubois-Lefèvre", "Other")), nil},
		{"no organization", ids(d.FindPipedrivePersonsByName(`Ben "Benny" O'Connor`, "")), []int64{2110}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if orgs := d.FindPipedriveOrganizationsByName("tel aviv robotics ltd"); len(orgs) != 1 || orgs[0].ID != 506 {
		t.Errorf("organization by name: %+v", orgs)
	}
}

// TestUnexplainedCatchesSilentChanges checks the round-trip oracle itself:
// a difference without a report entry is flagged; with one it is not.
func TestUnexplainedCatchesSilentChanges(t *testing.T) {
	yes := true // false is Copper's unset Checkbox, which carries nothing
	a := lead.Lead{Title: "x", Owner: &lead.Ref{System: "copper", ID: "1"},
		CustomFields: []lead.CustomField{{Key: "copper:5", Type: lead.FieldBool, Source: &lead.Ref{System: "copper", ID: "5"}, Bool: &yes}}}
	b := lead.Lead{Title: "x"}
	got := unexplained(t, a, b)
	if len(got) != 2 {
		t.Errorf("unexplained = %q, want the owner and the custom field", got)
	}
	rep := lead.Report{{Path: "assignee_id", Kind: lead.Dropped}, {Path: "custom_fields[0]", Kind: lead.Dropped}}
	if got := unexplained(t, a, b, rep); len(got) != 0 {
		t.Errorf("unexplained with report = %q", got)
	}
}

// TestNilMemoryDirectory: a nil *MemoryDirectory in the interface is an
// empty directory, not a panic.
func TestNilMemoryDirectory(t *testing.T) {
	var d *MemoryDirectory
	c := sampleConverter(t)
	c.Directory = d
	if _, _, err := runP2C(t, c, pdLead(``)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runC2P(t, c, cpLead(`"email": {"email": "a@b.example"}, "company_name": "X"`)); err != nil {
		t.Fatal(err)
	}
}

// TestFindAfterPut: lookups follow persons and organizations that are
// replaced, as a loader does after creating or updating them.
func TestFindAfterPut(t *testing.T) {
	d := &MemoryDirectory{}
	d.PutPipedriveOrganization(Organization{ID: 1, Name: "Acme GmbH"})
	d.PutPipedrivePerson(Person{ID: 7, Name: "Jane  Doe", OrganizationID: 1,
		Emails: []lead.Email{{Address: " Jane@Example.com"}}})
	ids := func(ps []Person) []int64 {
		var out []int64
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(d.FindPipedrivePersonsByEmail("jane@example.com")); !slices.Equal(got, []int64{7}) {
		t.Errorf("by email = %v, want [7]", got)
	}
	if got := ids(d.FindPipedrivePersonsByName("jane doe", "ACME GmbH")); !slices.Equal(got, []int64{7}) {
		t.Errorf("by name = %v, want [7]", got)
	}
	d.PutPipedrivePerson(Person{ID: 7, Name: "Jane Roe", Emails: []lead.Email{{Address: "jane@roe.example"}}})
	d.PutPipedriveOrganization(Organization{ID: 1, Name: "Acme AG"})
	if got := d.FindPipedrivePersonsByEmail("jane@example.com"); len(got) != 0 {
		t.Errorf("old email still finds %v", ids(got))
	}
	if got := d.FindPipedrivePersonsByName("Jane Doe", "Acme GmbH"); len(got) != 0 {
		t.Errorf("old name still finds %v", ids(got))
	}
	if got := ids(d.FindPipedrivePersonsByEmail("JANE@ROE.EXAMPLE")); !slices.Equal(got, []int64{7}) {
		t.Errorf("new email = %v, want [7]", got)
	}
	if got := d.FindPipedriveOrganizationsByName("acme gmbh"); len(got) != 0 {
		t.Errorf("old organization name still finds %v", got)
	}
	if got := d.FindPipedriveOrganizationsByName("ACME AG"); len(got) != 1 || got[0].ID != 1 {
		t.Errorf("new organization name finds %v", got)
	}
}

// TestDirectoryErrorsNamePaths: an export that does not decode is
// rejected with FieldErrors naming the element and key, and the cause.
func TestDirectoryErrorsNamePaths(t *testing.T) {
	tests := []struct {
		name  string
		add   func(*MemoryDirectory, []byte) error
		in    string
		want  []string
		cause error
	}{
		{"persons file as users", (*MemoryDirectory).AddPipedriveUsers,
			`{"success":true,"data":[{"id":1,"email":[{"value":"a@b.example"}]}]}`, []string{"data[0].email: want string"}, lead.ErrType},
		{"owner_id not an id", (*MemoryDirectory).AddPipedrivePersons,
			`{"data":[{"id":1},{"id":2,"owner_id":"x"},{"id":"3"}]}`, []string{"data[1].owner_id: want number", "data[2].id: want number"}, lead.ErrType},
		{"bare array", (*MemoryDirectory).AddPipedriveOrganizations, `[{"id":1},{"name":7}]`, []string{"[1].name: want string"}, lead.ErrType},
		{"error envelope", (*MemoryDirectory).AddPipedriveLabels, `{"success":false,"error":"x"}`, []string{"success: response has success false"}, lead.ErrInvalid},
		{"copper id as string", (*MemoryDirectory).AddCopperPeople, `[{"id":"7"}]`, []string{"[0].id: want number"}, lead.ErrType},
		{"copper not an array", (*MemoryDirectory).AddCopperCompanies, `{"id":7}`, []string{"(root): want array"}, lead.ErrType},
		{"copper malformed", (*MemoryDirectory).AddCopperUsers, `[{"id":7},`, nil, lead.ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.add(&MemoryDirectory{}, []byte(tt.in))
			var list lead.ErrorList
			var fe *lead.FieldError
			if !errors.As(err, &list) {
				if !errors.As(err, &fe) {
					t.Fatalf("error is not a FieldError: %T %v", err, err)
				}
				list = lead.ErrorList{fe}
			}
			if !errors.Is(err, tt.cause) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.cause)
			}
			if tt.want == nil {
				return
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Redacted())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
