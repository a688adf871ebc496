package leadgen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var hex40 = regexp.MustCompile(`^[0-9a-f]{40}$`)

func readJSON(t *testing.T, v any, elem ...string) {
	t.Helper()
	path := filepath.Join(append([]string{root}, elem...)...)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// optionIDs parses option ids that are JSON numbers; string ids (the
// "status" deal field has "open", "won", …) are skipped.
func optionIDs(t *testing.T, opts []struct {
	ID json.RawMessage `json:"id"`
}) []int {
	t.Helper()
	var ids []int
	for _, o := range opts {
		if id, err := strconv.Atoi(string(o.ID)); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// TestTablesMatchTestdata fails when the generator's tables and the sample
// account files in testdata/ drift apart.
func TestTablesMatchTestdata(t *testing.T) {
	t.Run("pipedrive/dealFields", func(t *testing.T) {
		var f struct {
			Data []struct {
				Key       string `json:"key"`
				FieldType string `json:"field_type"`
				Options   []struct {
					ID json.RawMessage `json:"id"`
				} `json:"options"`
			} `json:"data"`
		}
		readJSON(t, &f, "pipedrive", "dealFields.json")
		var got []pdField
		var channel []int
		for _, d := range f.Data {
			if d.Key == "channel" {
				channel = optionIDs(t, d.Options)
			}
			if hex40.MatchString(d.Key) {
				got = append(got, pdField{d.Key, d.FieldType, optionIDs(t, d.Options)})
			}
		}
		if diff := cmp.Diff(pdCustomFields, got, cmp.AllowUnexported(pdField{})); diff != "" {
			t.Errorf("pdCustomFields mismatch (-tables +dealFields.json):\n%s", diff)
		}
		if diff := cmp.Diff(pdChannelIDs, channel); diff != "" {
			t.Errorf("pdChannelIDs mismatch (-tables +channel options):\n%s", diff)
		}
	})
	t.Run("pipedrive/leadLabels", func(t *testing.T) {
		var f struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		readJSON(t, &f, "pipedrive", "leadLabels.json")
		var got []string
		for _, l := range f.Data {
			got = append(got, l.ID)
		}
		if diff := cmp.Diff(pdLabelIDs, got); diff != "" {
			t.Errorf("pdLabelIDs mismatch (-tables +leadLabels.json):\n%s", diff)
		}
	})
	t.Run("pipedrive/persons", func(t *testing.T) {
		var f struct {
			Data []struct {
				ID    int `json:"id"`
				OrgID *struct {
					Value int `json:"value"`
				} `json:"org_id"`
			} `json:"data"`
			RelatedObjects struct {
				User map[string]json.RawMessage `json:"user"`
			} `json:"related_objects"`
		}
		readJSON(t, &f, "pipedrive", "persons.json")
		var got, want [][2]int
		for _, p := range f.Data {
			org := 0
			if p.OrgID != nil {
				org = p.OrgID.Value
			}
			got = append(got, [2]int{p.ID, org})
		}
		for _, p := range pdPersons {
			want = append(want, [2]int{p.id, p.org})
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("pdPersons mismatch (-tables +persons.json):\n%s", diff)
		}
		var users []int
		for k := range f.RelatedObjects.User {
			id, _ := strconv.Atoi(k)
			users = append(users, id)
		}
		sort.Ints(users)
		if diff := cmp.Diff(pdUserIDs, users); diff != "" {
			t.Errorf("pdUserIDs mismatch (-tables +persons.json related users):\n%s", diff)
		}
		for _, p := range pdPersons {
			if p.id > pdPersonLimit || p.id >= 2111 {
				t.Errorf("person %d collides with the ids used for persons outside the export (2111–%d)", p.id, pdPersonLimit)
			}
		}
	})
	t.Run("pipedrive/organizations", func(t *testing.T) {
		var f struct {
			Data []struct {
				ID int `json:"id"`
			} `json:"data"`
		}
		readJSON(t, &f, "pipedrive", "organizations.json")
		var got []int
		for _, o := range f.Data {
			got = append(got, o.ID)
			if o.ID >= 511 {
				t.Errorf("organization %d collides with the ids used for organizations outside the export (511–%d)", o.ID, pdOrgLimit)
			}
		}
		if diff := cmp.Diff(pdOrgIDs, got); diff != "" {
			t.Errorf("pdOrgIDs mismatch (-tables +organizations.json):\n%s", diff)
		}
	})
	t.Run("copper/custom_field_definitions", func(t *testing.T) {
		var defs []struct {
			ID          int      `json:"id"`
			DataType    string   `json:"data_type"`
			AvailableOn []string `json:"available_on"`
			Options     []struct {
				ID json.RawMessage `json:"id"`
			} `json:"options"`
		}
		readJSON(t, &defs, "copper", "custom_field_definitions.json")
		var got []cpDef
		for _, d := range defs {
			if slices.Contains(d.AvailableOn, "lead") {
				got = append(got, cpDef{d.ID, d.DataType, optionIDs(t, d.Options)})
			}
		}
		want := slices.Clone(cpDefs)
		byID := func(a, b cpDef) int { return a.id - b.id }
		slices.SortFunc(want, byID)
		slices.SortFunc(got, byID)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(cpDef{})); diff != "" {
			t.Errorf("cpDefs mismatch (-tables +definitions available on leads):\n%s", diff)
		}
		types := map[string]bool{}
		for _, d := range cpDefs {
			types[d.typ] = true
		}
		for _, typ := range []string{"String", "Text", "Dropdown", "MultiSelect", "Date", "Checkbox", "Float", "Percentage", "Currency", "URL", "Connect"} {
			if !types[typ] {
				t.Errorf("no lead custom field of data_type %s", typ)
			}
		}
	})
	t.Run("copper/lead_statuses", func(t *testing.T) {
		var sts []struct {
			ID   int    `json:"id"`
			Name string `json:"name"`
		}
		readJSON(t, &sts, "copper", "lead_statuses.json")
		names := map[int]string{}
		for _, s := range sts {
			names[s.ID] = s.Name
		}
		for _, s := range cpStatuses {
			if names[s.id] != s.name {
				t.Errorf("status %d is %q in lead_statuses.json, %q in the tables", s.id, names[s.id], s.name)
			}
		}
	})
	t.Run("copper/customer_sources", func(t *testing.T) {
		var src []struct {
			ID int `json:"id"`
		}
		readJSON(t, &src, "copper", "customer_sources.json")
		var got []int
		for _, s := range src {
			got = append(got, s.ID)
		}
		if diff := cmp.Diff(cpSourceIDs, got); diff != "" {
			t.Errorf("cpSourceIDs mismatch (-tables +customer_sources.json):\n%s", diff)
		}
	})
	t.Run("copper/users", func(t *testing.T) {
		var users []struct {
			ID int `json:"id"`
		}
		readJSON(t, &users, "copper", "users.json")
		var got []int
		for _, u := range users {
			got = append(got, u.ID)
		}
		if diff := cmp.Diff(cpUserIDs, got); diff != "" {
			t.Errorf("cpUserIDs mismatch (-tables +users.json):\n%s", diff)
		}
	})
}

// TestCorpusConsistent checks the hand-written sample leads against the
// sample accounts: labels, custom-field keys and types, statuses, sources,
// users and custom-field definitions must exist, except where a case file
// exists to break a rule (custom_unknown, categories).
func TestCorpusConsistent(t *testing.T) {
	t.Run("pipedrive", func(t *testing.T) {
		fields := map[string]pdField{}
		for _, f := range pdCustomFields {
			fields[f.key] = f
		}
		files, _ := filepath.Glob(filepath.Join(root, "pipedrive", "leads", "*.json"))
		if len(files) < 10 {
			t.Fatalf("found %d Pipedrive lead cases, want at least 10", len(files))
		}
		inExport, outside := 0, 0
		for _, path := range files {
			var m map[string]json.RawMessage
			readJSON(t, &m, "pipedrive", "leads", filepath.Base(path))
			var labels []string
			json.Unmarshal(m["label_ids"], &labels)
			for _, l := range labels {
				if !slices.Contains(pdLabelIDs, l) {
					t.Errorf("%s: label %s is not in leadLabels.json", path, l)
				}
			}
			var person, org int
			json.Unmarshal(m["person_id"], &person)
			json.Unmarshal(m["organization_id"], &org)
			if person != 0 {
				if slices.ContainsFunc(pdPersons, func(p struct{ id, org int }) bool { return p.id == person }) {
					inExport++
				} else {
					outside++
				}
			}
			if org != 0 {
				if slices.Contains(pdOrgIDs, org) {
					inExport++
				} else {
					outside++
				}
			}
			for k, v := range m {
				if slices.Contains(pdStdFields, k) {
					continue
				}
				f, ok := fields[k[:min(40, len(k))]]
				switch {
				case !ok && filepath.Base(path) == "custom_unknown.json":
				case !ok:
					t.Errorf("%s: key %q is not a custom field of dealFields.json", path, k)
				case len(k) > 40 && !validCompanion(f.typ, k[40:]):
					t.Errorf("%s: companion %q on a %s field", path, k, f.typ)
				case (f.typ == "enum" || f.typ == "set") && len(k) == 40:
					var s string
					if json.Unmarshal(v, &s) != nil || !optionList(f.options, s, len(f.options)) {
						t.Errorf("%s: %s value %s is not a list of option ids", path, f.typ, v)
					}
				}
			}
		}
		if inExport == 0 || outside == 0 || outside >= inExport {
			t.Errorf("%d person/organization references in the exports, %d outside: want most but not all inside", inExport, outside)
		}
	})
	t.Run("copper", func(t *testing.T) {
		var statuses []struct {
			ID   int    `json:"id"`
			Name string `json:"name"`
		}
		readJSON(t, &statuses, "copper", "lead_statuses.json")
		var want []int
		for _, d := range cpDefs {
			want = append(want, d.id)
		}
		sort.Ints(want)
		files, _ := filepath.Glob(filepath.Join(root, "copper", "leads", "*.json"))
		if len(files) < 9 {
			t.Fatalf("found %d Copper lead cases, want at least 9", len(files))
		}
		for _, path := range files {
			var l struct {
				Status           string `json:"status"`
				StatusID         int    `json:"status_id"`
				AssigneeID       *int   `json:"assignee_id"`
				CustomerSourceID *int   `json:"customer_source_id"`
				CustomFields     []struct {
					ID int `json:"custom_field_definition_id"`
				} `json:"custom_fields"`
				Phones []struct {
					Category string `json:"category"`
				} `json:"phone_numbers"`
			}
			readJSON(t, &l, "copper", "leads", filepath.Base(path))
			if !slices.ContainsFunc(statuses, func(s struct {
				ID   int    `json:"id"`
				Name string `json:"name"`
			}) bool {
				return s.ID == l.StatusID && s.Name == l.Status
			}) {
				t.Errorf("%s: status %q with status_id %d is not in lead_statuses.json", path, l.Status, l.StatusID)
			}
			if l.AssigneeID != nil && !slices.Contains(cpUserIDs, *l.AssigneeID) {
				t.Errorf("%s: assignee %d is not in users.json", path, *l.AssigneeID)
			}
			if l.CustomerSourceID != nil && !slices.Contains(cpSourceIDs, *l.CustomerSourceID) {
				t.Errorf("%s: customer source %d is not in customer_sources.json", path, *l.CustomerSourceID)
			}
			var got []int
			for _, cf := range l.CustomFields {
				got = append(got, cf.ID)
			}
			sort.Ints(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: custom_fields do not list every definition available on leads (-want +got):\n%s", path, diff)
			}
			for _, p := range l.Phones {
				if !slices.Contains([]string{"mobile", "work", "home", "other"}, p.Category) && !strings.HasSuffix(path, "categories.json") {
					t.Errorf("%s: undocumented phone category %q", path, p.Category)
				}
			}
		}
	})
}
