package convert

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/internal/leadgen"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// explainedBy lists, for each top-level key of a canonical lead, the
// report paths (in either vendor's names) whose entries account for a
// change to it. An entry explains a key when its path starts with one of
// the prefixes.
var explainedBy = map[string][]string{
	"ids":                 {"id"},
	"title":               {"title", "name"},
	"name":                {"name", "title", "person_id"},
	"job_title":           {"title", "person_id"},
	"emails":              {"email", "person_id"},
	"phone_numbers":       {"phone_numbers", "person_id"},
	"socials":             {"socials"},
	"websites":            {"websites"},
	"address":             {"address"},
	"company_name":        {"company_name", "organization_id", "person_id"},
	"person":              {"person_id", "name"},
	"organization":        {"organization_id", "company_name", "person_id"},
	"owner":               {"owner_id", "assignee_id"},
	"creator":             {"creator_id"},
	"value":               {"value", "monetary_value", "monetary_unit"},
	"expected_close_date": {"expected_close_date"},
	"status":              {"status", "status_id", "is_archived", "was_seen"},
	"status_ref":          {"status", "status_id", "is_archived", "was_seen"},
	"status_name":         {"status", "status_id", "is_archived", "was_seen"},
	"archived":            {"status", "status_id", "is_archived", "was_seen"},
	"seen":                {"status", "status_id", "is_archived", "was_seen"},
	"labels":              {"tags", "label_ids"},
	"source":              {"customer_source_id", "channel", "source_name", "origin", "origin_id", "channel_id"},
	"visibility":          {"visible_to"},
	"description":         {"details"},
	"created_at":          {"date_created", "add_time"},
	"modified_at":         {"date_modified", "update_time"},
	"last_contacted_at":   {"date_last_contacted"},
	"next_activity":       {"next_activity_id"},
	"interaction_count":   {"interaction_count"},
	"bcc_email":           {"cc_email"},
}

// topLevel returns the canonical lead's JSON members, without vendor data
// and custom fields, which are compared on their own.
func topLevel(t *testing.T, l lead.Lead) map[string]json.RawMessage {
	t.Helper()
	l.Vendor, l.CustomFields = nil, nil
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// unexplained returns the top-level keys, custom fields and vendor fields
// that differ between a and b with no report entry accounting for them.
func unexplained(t *testing.T, a, b lead.Lead, reps ...lead.Report) []string {
	t.Helper()
	explained := func(prefixes ...string) bool {
		for _, rep := range reps {
			for _, ch := range rep {
				for _, p := range prefixes {
					if ch.Path == p || strings.HasPrefix(ch.Path, p+".") || strings.HasPrefix(ch.Path, p+"[") ||
						strings.HasPrefix(ch.Path, p+"_") {
						return true
					}
				}
			}
		}
		return false
	}
	var out []string
	ma, mb := topLevel(t, a), topLevel(t, b)
	keys := map[string]bool{}
	for k := range ma {
		keys[k] = true
	}
	for k := range mb {
		keys[k] = true
	}
	for k := range keys {
		if testkit.JSONEqual(ma[k], mb[k]) {
			continue
		}
		prefixes, ok := explainedBy[k]
		if !ok || !explained(prefixes...) {
			out = append(out, fmt.Sprintf("%s: %s became %s", k, ma[k], mb[k]))
		}
	}
	// Every set custom field of a reaches b with the same value, or a
	// report names it (by Copper index or Pipedrive key).
	for i, f := range a.CustomFields {
		if !carries(f) || copperUnset(f) {
			continue // an unset value (Copper's false and [] included) carries nothing
		}
		found := slices.ContainsFunc(b.CustomFields, func(g lead.CustomField) bool {
			return sameField(f, g)
		})
		if !found && !explained("custom_fields"+lead.IndexPath(i), sourceKey(f, systemPipedrive)) {
			fb, _ := json.Marshal(f)
			out = append(out, "custom field lost: "+string(fb))
		}
	}
	// Every vendor field of a survives or is reported by its key.
	for sys, vd := range a.Vendor {
		for k, v := range vd.Fields {
			if isNullJSON(v) {
				continue // an unset value carries nothing to lose
			}
			base, _, _ := strings.Cut(k, "_") // a companion goes with its field
			if _, ok := b.Vendor[sys].Fields[k]; !ok && !explained(k) && !explained(base) {
				out = append(out, "vendor field lost: "+sys+"."+k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// sameField compares the values of two custom fields by their source id.
func sameField(f, g lead.CustomField) bool {
	if f.Source == nil || g.Source == nil || *f.Source != *g.Source {
		return false
	}
	f.Key, f.Name, g.Key, g.Name = "", "", "", ""
	fa, _ := json.Marshal(f)
	gb, _ := json.Marshal(g)
	return testkit.JSONEqual(fa, gb)
}

// load plays the loader: it creates the bundle's organization and person
// in dir with fresh ids and returns the Pipedrive lead as the API would
// hold it after the bundle ran.
func load(t *testing.T, b Bundle, dir *MemoryDirectory, next *int64) pipedrive.Lead {
	t.Helper()
	req := b.Lead
	var orgID int64
	if o := b.Organization; o != nil {
		*next++
		orgID = *next
		dir.PutPipedriveOrganization(Organization{ID: orgID, Name: o.Name, OwnerID: o.OwnerID})
	}
	if p := b.Person; p != nil {
		*next++
		rec := Person{ID: *next, Name: p.Name, OwnerID: p.OwnerID, OrganizationID: p.OrgID}
		if b.Refs["person.org_id"] == "organization" {
			rec.OrganizationID = orgID
		}
		for _, e := range p.Email {
			rec.Emails = append(rec.Emails, lead.Email{Address: e.Value, Category: lead.Category(e.Label)})
		}
		for _, ph := range p.Phone {
			rec.Phones = append(rec.Phones, lead.Phone{Number: ph.Value, Category: lead.Category(ph.Label)})
		}
		dir.PutPipedrivePerson(rec)
		req.PersonID = lead.Some(rec.ID)
	}
	if b.Refs["lead.organization_id"] == "organization" {
		req.OrganizationID = lead.Some(orgID)
	}
	raw, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	pl, err := pipedrive.DecodeLead(raw)
	if err != nil {
		t.Fatalf("the lead body does not decode as a Pipedrive lead: %v\n%s", err, raw)
	}
	if b.Archive {
		pl.IsArchived = pipedrive.Set(true)
	}
	return pl
}

// copperFromBody reads a Copper create body back as a Copper lead.
func copperFromBody(t *testing.T, body copper.CreateLeadRequest) copper.Lead {
	t.Helper()
	raw, err := body.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	cl, err := copper.DecodeLead(raw)
	if err != nil {
		t.Fatalf("the create body does not decode as a Copper lead: %v\n%s", err, raw)
	}
	return cl
}

func lines(t *testing.T, gen func(*bytes.Buffer) error) [][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gen(&buf); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	sc := bufio.NewScanner(&buf)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

// TestRoundTripCopper: Copper → Pipedrive → Copper changes nothing that
// the two reports do not list, over generated leads.
func TestRoundTripCopper(t *testing.T) {
	base := sampleConverter(t)
	n := 300
	if testing.Short() {
		n = 50
	}
	for seed := uint64(1); seed <= 2; seed++ {
		for i, line := range lines(t, func(w *bytes.Buffer) error { return leadgen.Copper(w, n, leadgen.Options{Seed: seed}) }) {
			t.Run(fmt.Sprintf("seed%d/%d", seed, i), func(t *testing.T) {
				cl, err := copper.DecodeLead(line)
				if err != nil {
					t.Skipf("generated line does not decode: %v", err)
				}
				a, _, err := base.CopperTranslator().ToLead(cl)
				if err != nil {
					t.Skipf("the Copper adapter rejects the generated lead: %v", err)
				}
				b1, rep1, err := base.CopperToPipedrive(cl)
				if err != nil {
					t.Fatalf("CopperToPipedrive: %v\n%s", err, line)
				}
				dir := sampleDirectory(t)
				next := int64(900000)
				pl := load(t, b1, dir, &next)
				c2 := base
				c2.Directory = dir
				body, rep2, err := c2.PipedriveToCopper(pl)
				if err != nil {
					t.Fatalf("PipedriveToCopper: %v", err)
				}
				b, _, err := base.CopperTranslator().ToLead(copperFromBody(t, body))
				if err != nil {
					t.Fatalf("ToLead of the result: %v", err)
				}
				if u := unexplained(t, a, b, rep1, rep2); len(u) > 0 {
					t.Errorf("changes no report lists:\n%s\ninput: %s", strings.Join(u, "\n"), line)
				}
			})
		}
	}
}

// TestRoundTripPipedrive: Pipedrive → Copper → Pipedrive changes nothing
// that the two reports do not list, over generated leads.
func TestRoundTripPipedrive(t *testing.T) {
	base := sampleConverter(t)
	n := 300
	if testing.Short() {
		n = 50
	}
	for seed := uint64(1); seed <= 2; seed++ {
		for i, line := range lines(t, func(w *bytes.Buffer) error { return leadgen.Pipedrive(w, n, leadgen.Options{Seed: seed}) }) {
			t.Run(fmt.Sprintf("seed%d/%d", seed, i), func(t *testing.T) {
				pl, err := pipedrive.DecodeLead(line)
				if err != nil {
					t.Skipf("generated line does not decode: %v", err)
				}
				a, _, err := base.PipedriveTranslator().ToLead(pl)
				if err != nil {
					t.Skipf("the Pipedrive adapter rejects the generated lead: %v", err)
				}
				body, rep1, err := base.PipedriveToCopper(pl)
				if err != nil {
					t.Fatalf("PipedriveToCopper: %v\n%s", err, line)
				}
				b1, rep2, err := base.CopperToPipedrive(copperFromBody(t, body))
				if err != nil {
					t.Fatalf("CopperToPipedrive: %v", err)
				}
				dir := sampleDirectory(t)
				next := int64(900000)
				pl2 := load(t, b1, dir, &next)
				b, _, err := base.PipedriveTranslator().ToLead(pl2)
				if err != nil {
					t.Fatalf("ToLead of the result: %v", err)
				}
				if u := unexplained(t, a, b, rep1, rep2); len(u) > 0 {
					t.Errorf("changes no report lists:\n%s\ninput: %s", strings.Join(u, "\n"), line)
				}
			})
		}
	}
}
