package convert

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// pdLead is a Pipedrive lead of the sample account with the given extra
// members (JSON object members without braces).
func pdLead(extra string) string {
	s := `{"id": "2a4c6e80-fb57-11ea-8e1f-6d3b5a7c9e21", "title": "Brandt – rollout", "person_id": 2101`
	if extra != "" {
		s += ", " + extra
	}
	return s + "}"
}

// cpLead is a Copper lead with the given extra members.
func cpLead(extra string) string {
	s := `{"id": 9001, "name": "Anna Schäfer"`
	if extra != "" {
		s += ", " + extra
	}
	return s + "}"
}

func runP2C(t *testing.T, c Converter, js string) (map[string]any, lead.Report, error) {
	t.Helper()
	in, err := pipedrive.DecodeLead([]byte(js))
	if err != nil {
		t.Fatalf("DecodeLead(%s): %v", js, err)
	}
	out, rep, err := c.PipedriveToCopper(in)
	if err != nil {
		return nil, rep, err
	}
	b, _ := out.MarshalJSON()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m, rep, nil
}

func runC2P(t *testing.T, c Converter, js string) (map[string]any, lead.Report, error) {
	t.Helper()
	in, err := copper.DecodeLead([]byte(js))
	if err != nil {
		t.Fatalf("DecodeLead(%s): %v", js, err)
	}
	out, rep, err := c.CopperToPipedrive(in)
	if err != nil {
		return nil, rep, err
	}
	b, _ := json.Marshal(out)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m, rep, nil
}

// find returns the report's entry at path of kind, or nil.
func find(rep lead.Report, path string, kind lead.ChangeKind) *lead.Change {
	for i := range rep {
		if rep[i].Path == path && rep[i].Kind == kind {
			return &rep[i]
		}
	}
	return nil
}

func jsonOf(v any) string {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(buf.String(), "\n")
}

// A rule case: convert in, expect members of the output (compared as
// JSON; "-" means absent) and report entries (path, kind, detail).
type ruleCase struct {
	name    string
	in      string
	want    map[string]string
	entries []lead.Change
}

func checkRule(t *testing.T, out map[string]any, rep lead.Report, tc ruleCase) {
	t.Helper()
	for k, want := range tc.want {
		var got any = out
		for _, part := range strings.Split(k, ".") {
			m, _ := got.(map[string]any)
			got = m[part]
		}
		if want == "-" {
			if got != nil {
				t.Errorf("%s = %s, want absent", k, jsonOf(got))
			}
			continue
		}
		if jsonOf(got) != want {
			t.Errorf("%s = %s, want %s", k, jsonOf(got), want)
		}
	}
	for _, e := range tc.entries {
		ch := find(rep, e.Path, e.Kind)
		if ch == nil {
			t.Errorf("report lacks %s %s; report:\n%s", e.Kind, e.Path, jsonOf(rep))
			continue
		}
		if e.Detail != "" && ch.Detail != e.Detail {
			t.Errorf("%s %s detail %q, want %q", e.Kind, e.Path, ch.Detail, e.Detail)
		}
		if e.Reason != "" && ch.Reason != e.Reason {
			t.Errorf("%s %s reason %q, want %q", e.Kind, e.Path, ch.Reason, e.Reason)
		}
		if e.Loss != "" && ch.Loss != e.Loss {
			t.Errorf("%s %s loss %q, want %q", e.Kind, e.Path, ch.Loss, e.Loss)
		}
		// Rule: a loss kind on dropped entries, and only there.
		if (ch.Kind == lead.Dropped) != (ch.Loss != "") {
			t.Errorf("%s %s: loss %q on a %s entry", e.Kind, e.Path, ch.Loss, ch.Kind)
		}
		// Rule: reasons never quote data; details carry it.
		if ch.Detail != "" && strings.Contains(ch.Reason, ch.Detail) {
			t.Errorf("%s %s: reason %q quotes the detail", e.Kind, e.Path, ch.Reason)
		}
	}
}

func TestPipedriveToCopperRules(t *testing.T) {
	c := sampleConverter(t)
	tests := []ruleCase{
		{name: "owner mapped", in: pdLead(`"owner_id": 11208433`), want: map[string]string{"assignee_id": "814201"}},
		{name: "owner unmapped", in: pdLead(`"owner_id": 999`), want: map[string]string{"assignee_id": "-"},
			entries: []lead.Change{{Path: "owner_id", Kind: lead.Dropped, Detail: "pipedrive user 999"}}},
		{name: "creator has no Copper field", in: pdLead(`"creator_id": 11208433`),
			entries: []lead.Change{{Path: "creator_id", Kind: lead.Dropped, Detail: "pipedrive user 11208433"}}},
		{name: "labels to tags", in: pdLead(`"label_ids": ["5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01", "11111111-2222-3333-4444-555555555555"]`),
			want:    map[string]string{"tags": `["hot"]`},
			entries: []lead.Change{{Path: "label_ids[1]", Kind: lead.Dropped, Detail: "pipedrive label 11111111-2222-3333-4444-555555555555"}}},
		{name: "source by channel", in: pdLead(`"source_name": "API", "channel": 30`), want: map[string]string{"customer_source_id": "1118250"},
			entries: []lead.Change{{Path: "channel", Kind: lead.Derived}, {Path: "source_name", Kind: lead.Dropped}}},
		{name: "source by name", in: pdLead(`"source_name": "Web forms"`), want: map[string]string{"customer_source_id": "1118253"},
			entries: []lead.Change{{Path: "source_name", Kind: lead.Derived}}},
		{name: "source unmatched", in: pdLead(`"source_name": "Import", "channel": 28`), want: map[string]string{"customer_source_id": "-"},
			entries: []lead.Change{{Path: "channel", Kind: lead.Dropped, Detail: "28"}, {Path: "source_name", Kind: lead.Dropped, Detail: "Import"}}},
		{name: "archived", in: pdLead(`"is_archived": true, "was_seen": true`), want: map[string]string{"status": `"Unqualified"`},
			entries: []lead.Change{{Path: "is_archived", Kind: lead.Derived}}},
		{name: "seen", in: pdLead(`"is_archived": false, "was_seen": true`), want: map[string]string{"status": `"Contacted"`}},
		{name: "neither", in: pdLead(`"is_archived": false, "was_seen": false`), want: map[string]string{"status": `"New"`}},
		{name: "no flags", in: pdLead(``), want: map[string]string{"status": "-"}},
		{name: "visible_to", in: pdLead(`"visible_to": "7"`),
			entries: []lead.Change{{Path: "visible_to", Kind: lead.Dropped}}},
		{name: "contact from person", in: pdLead(``),
			want: map[string]string{"name": `"Anna Schäfer"`, "email.email": `"anna.schaefer@brandt-soehne.de"`,
				"company_name": `"Brandt & Söhne GmbH"`, "title": "-"},
			entries: []lead.Change{{Path: "name", Kind: lead.Derived, Detail: "from pipedrive person 2101"},
				{Path: "title", Kind: lead.Dropped}}},
		{name: "unknown person", in: `{"title": "Acme – renewal", "person_id": 77}`,
			want:    map[string]string{"name": `"Acme – renewal"`, "title": "-"},
			entries: []lead.Change{{Path: "title", Kind: lead.Derived}, {Path: "person_id", Kind: lead.Dropped, Detail: "pipedrive person 77"}}},
		{name: "organization only", in: `{"title": "Acme – renewal", "organization_id": 502}`,
			want:    map[string]string{"name": `"Acme – renewal"`, "company_name": `"Álvarez Logística S.L."`},
			entries: []lead.Change{{Path: "company_name", Kind: lead.Derived, Detail: "from pipedrive organization 502"}}},
		{name: "enum option mapped", in: pdLead(`"d419c7723226db943c3ae353fb14628e90b401a6": "61"`),
			want: map[string]string{"custom_fields": `[{"custom_field_definition_id":420103,"value":611001}]`}},
		{name: "enum option unmapped", in: pdLead(`"d419c7723226db943c3ae353fb14628e90b401a6": "67"`),
			want:    map[string]string{"custom_fields": "-"},
			entries: []lead.Change{{Path: "d419c7723226db943c3ae353fb14628e90b401a6", Kind: lead.Dropped, Detail: "option 67 (Logistics)"}}},
		{name: "set options partly mapped", in: pdLead(`"1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627": "71,76"`),
			want:    map[string]string{"custom_fields": `[{"custom_field_definition_id":420104,"value":[611101]}]`},
			entries: []lead.Change{{Path: "1d33bc6d96f0da847a2a3b87b9c8b9ffe46ed627", Kind: lead.Dropped, Detail: "option 76 (On-premise licence)"}}},
		{name: "date to Unix seconds", in: pdLead(`"0d9782bfcdc83011ac8efe121c5989f1ba2dde83": "2024-06-12"`),
			want: map[string]string{"custom_fields": `[{"custom_field_definition_id":420105,"value":1718175600}]`}},
		{name: "money in the definition's currency", in: pdLead(`"458bfed0a712755f6cace4d519d5269512e74f7b": 1500.50, "458bfed0a712755f6cace4d519d5269512e74f7b_currency": "USD"`),
			want: map[string]string{"custom_fields": `[{"custom_field_definition_id":420109,"value":1500.5}]`}},
		{name: "money in another currency", in: pdLead(`"458bfed0a712755f6cace4d519d5269512e74f7b": 1500, "458bfed0a712755f6cace4d519d5269512e74f7b_currency": "EUR"`),
			want:    map[string]string{"custom_fields": "-"},
			entries: []lead.Change{{Path: "458bfed0a712755f6cace4d519d5269512e74f7b", Kind: lead.Dropped, Detail: "EUR to USD"}}},
		{name: "field not in mapping", in: pdLead(`"d4351df483229050899338370c28cec1b94722af": "+49 30 1"`),
			entries: []lead.Change{{Path: "d4351df483229050899338370c28cec1b94722af", Kind: lead.Dropped}}},
		{name: "timestamps", in: pdLead(`"add_time": "2020-10-14T11:30:36.551Z"`),
			entries: []lead.Change{{Path: "add_time", Kind: lead.Dropped}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, rep, err := runP2C(t, c, tc.in)
			if err != nil {
				t.Fatalf("PipedriveToCopper: %v", err)
			}
			checkRule(t, out, rep, tc)
		})
	}
}

func TestCopperToPipedriveRules(t *testing.T) {
	c := sampleConverter(t)
	tests := []ruleCase{
		{name: "assignee mapped", in: cpLead(`"assignee_id": 851377`), want: map[string]string{"lead.owner_id": "11208434"}},
		{name: "assignee unmapped", in: cpLead(`"assignee_id": 5`), want: map[string]string{"lead.owner_id": "-"},
			entries: []lead.Change{{Path: "assignee_id", Kind: lead.Dropped, Detail: "copper user 5"}}},
		{name: "tags to labels", in: cpLead(`"tags": ["warm", "vip"]`),
			want:    map[string]string{"lead.label_ids": `["5b2e5c41-53f1-11ea-a1c4-2b9d3f1a7e01"]`},
			entries: []lead.Change{{Path: "tags[1]", Kind: lead.Dropped, Detail: "vip"}}},
		{name: "customer source to channel", in: cpLead(`"customer_source_id": 1118250`), want: map[string]string{"lead.channel": "30"},
			entries: []lead.Change{{Path: "customer_source_id", Kind: lead.Derived, Detail: "pipedrive channel 30"}}},
		{name: "customer source without channel", in: cpLead(`"customer_source_id": 1118253`), want: map[string]string{"lead.channel": "-"},
			entries: []lead.Change{{Path: "customer_source_id", Kind: lead.Dropped}}},
		{name: "customer source unmapped", in: cpLead(`"customer_source_id": 42`),
			entries: []lead.Change{{Path: "customer_source_id", Kind: lead.Dropped, Detail: "copper customer source 42"}}},
		{name: "status contacted", in: cpLead(`"status": "Contacted"`), want: map[string]string{"lead.was_seen": "true", "archive": "-"},
			entries: []lead.Change{{Path: "status", Kind: lead.Derived}}},
		{name: "status of the account", in: cpLead(`"status": "Junk", "status_id": 2083405`), want: map[string]string{"lead.was_seen": "false", "archive": "true"}},
		{name: "status unmapped", in: cpLead(`"status": "Qualified"`),
			want: map[string]string{"lead.was_seen": "true"}},
		{name: "visibility default", in: cpLead(``), want: map[string]string{"lead.visible_to": `"7"`},
			entries: []lead.Change{{Path: "visible_to", Kind: lead.Defaulted, Detail: "7"}}},
		{name: "currency default", in: cpLead(`"monetary_value": 2500`), want: map[string]string{"lead.value": `{"amount":2500,"currency":"USD"}`},
			entries: []lead.Change{{Path: "monetary_unit", Kind: lead.Defaulted}}},
		{name: "title derived", in: cpLead(`"company_name": "Brandt & Söhne GmbH"`),
			want:    map[string]string{"lead.title": `"Brandt & Söhne GmbH – Anna Schäfer"`},
			entries: []lead.Change{{Path: "name", Kind: lead.Derived, Detail: "Brandt & Söhne GmbH – Anna Schäfer"}}},
		{name: "job title not a lead title", in: cpLead(`"title": "CTO"`),
			want:    map[string]string{"lead.title": `"Anna Schäfer"`, "person.job_title": `"CTO"`},
			entries: []lead.Change{{Path: "title", Kind: lead.Derived, Detail: "CTO"}}},
		{name: "date field to Pipedrive date", in: cpLead(`"custom_fields": [{"custom_field_definition_id": 420105, "value": 1718175600}]`),
			want: map[string]string{"lead.0d9782bfcdc83011ac8efe121c5989f1ba2dde83": `"2024-06-12"`}},
		{name: "date field mm/dd/yyyy to Pipedrive date", in: cpLead(`"custom_fields": [{"custom_field_definition_id": 420105, "value": "06/12/2024"}]`),
			want: map[string]string{"lead.0d9782bfcdc83011ac8efe121c5989f1ba2dde83": `"2024-06-12"`}},
		{name: "dropdown option", in: cpLead(`"custom_fields": [{"custom_field_definition_id": 420103, "value": 611006}]`),
			want: map[string]string{"lead.d419c7723226db943c3ae353fb14628e90b401a6": `"66"`}},
		{name: "field without Pipedrive side", in: cpLead(`"custom_fields": [{"custom_field_definition_id": 420108, "value": 35}]`),
			entries: []lead.Change{{Path: "custom_fields[0]", Kind: lead.Dropped, Detail: "copper field 420108 (Win Probability)"}}},
		{name: "null custom field is nothing", in: cpLead(`"custom_fields": [{"custom_field_definition_id": 420108, "value": null}]`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, rep, err := runC2P(t, c, tc.in)
			if err != nil {
				t.Fatalf("CopperToPipedrive: %v", err)
			}
			checkRule(t, out, rep, tc)
		})
	}
}

// TestDirectoryMatching: an existing person is found by email, then by name
// and company; otherwise the person and organization are created first.
func TestDirectoryMatching(t *testing.T) {
	c := sampleConverter(t)
	// Two persons sharing an address make the email ambiguous.
	dir := sampleDirectory(t)
	dir.PutPipedrivePerson(Person{ID: 7001, Name: "Shared Inbox", Emails: []lead.Email{{Address: "info@shared.example"}}})
	dir.PutPipedrivePerson(Person{ID: 7002, Name: "Shared Inbox Two", Emails: []lead.Email{{Address: "INFO@shared.example"}}})
	c.Directory = dir
	tests := []struct {
		name      string
		in        string
		person    string // lead.person_id, or "" when created
		org       string // lead.organization_id, or ""
		refs      string
		newPerson bool
		newOrg    bool
		how       string
	}{
		{name: "by email, any case", in: `{"name": "A. Schäfer", "email": {"email": "Anna.Schaefer@brandt-soehne.de"}}`,
			person: "2101", org: "501", how: "the contact is an existing Pipedrive person, matched by email"},
		{name: "by name and company", in: `{"name": "José  Álvarez", "company_name": "álvarez logística s.l."}`,
			person: "2102", org: "502", how: "the contact is an existing Pipedrive person, matched by name and company"},
		{name: "name alone is not enough", in: `{"name": "José Álvarez", "company_name": "Other S.A."}`,
			refs: `{"lead.organization_id":"organization","lead.person_id":"person","person.org_id":"organization"}`, newPerson: true, newOrg: true},
		{name: "create person, existing organization", in: `{"name": "New Person", "company_name": "Café Lumière SARL"}`,
			org: "509", refs: `{"lead.person_id":"person"}`, newPerson: true},
		{name: "ambiguous email", in: `{"name": "Someone", "email": {"email": "info@shared.example"}}`,
			refs: `{"lead.person_id":"person"}`, newPerson: true,
			how: "several Pipedrive persons match; none is chosen and a new person is created"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, rep, err := runC2P(t, c, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			l := out["lead"].(map[string]any)
			if got := jsonOf(l["person_id"]); tt.person != "" && got != tt.person || tt.person == "" && l["person_id"] != nil {
				t.Errorf("person_id = %s, want %q", got, tt.person)
			}
			if got := jsonOf(l["organization_id"]); tt.org != "" && got != tt.org || tt.org == "" && l["organization_id"] != nil {
				t.Errorf("organization_id = %s, want %q", got, tt.org)
			}
			if tt.refs != "" && jsonOf(out["$refs"]) != tt.refs {
				t.Errorf("$refs = %s, want %s", jsonOf(out["$refs"]), tt.refs)
			}
			if (out["person"] != nil) != tt.newPerson || (out["organization"] != nil) != tt.newOrg {
				t.Errorf("creates person %v, organization %v; want %v, %v", out["person"] != nil, out["organization"] != nil, tt.newPerson, tt.newOrg)
			}
			if tt.how != "" && !strings.Contains(jsonOf(rep), tt.how) {
				t.Errorf("report lacks %q:\n%s", tt.how, jsonOf(rep))
			}
		})
	}
	// Without a directory everything is created.
	c.Directory = nil
	out, _, err := runC2P(t, c, `{"name": "Anna Schäfer", "company_name": "Brandt & Söhne GmbH", "email": {"email": "anna.schaefer@brandt-soehne.de"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if out["person"] == nil || out["organization"] == nil {
		t.Errorf("without a directory the bundle creates nothing: %s", jsonOf(out))
	}
}

func TestStrict(t *testing.T) {
	c := sampleConverter(t)
	c.Strict = true
	_, rep, err := runP2C(t, c, pdLead(`"owner_id": 999`))
	if !errors.Is(err, lead.ErrUnmapped) {
		t.Fatalf("strict PipedriveToCopper error = %v, want lead.ErrUnmapped", err)
	}
	var list lead.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error is not a lead.ErrorList: %T", err)
	}
	var paths []string
	for _, fe := range list {
		paths = append(paths, fe.Path)
	}
	// Every dropped entry the mapping did not cover is an error, by path;
	// what the target sets itself or has no place for is not.
	var want []string
	for _, ch := range rep {
		if ch.Kind == lead.Dropped && ch.Loss == lead.LossUnmapped {
			want = append(want, ch.Path)
		}
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("strict error paths mismatch (-dropped +errors):\n%s", diff)
	}
	if !strings.Contains(err.Error(), "owner_id: dropped: the owner has no Copper user in the mapping's users") {
		t.Errorf("error does not name owner_id:\n%v", err)
	}
	if strings.Contains(err.Error(), "999") {
		t.Errorf("error quotes data:\n%v", err)
	}

	// Mapping.Strict has the same effect; a lossless lead passes.
	c.Strict = false
	c.Mapping.Strict = true
	if _, _, err := runC2P(t, c, `{"name": "Anna Schäfer", "status": "Junk", "tags": ["x"]}`); !errors.Is(err, lead.ErrUnmapped) {
		t.Errorf("Mapping.Strict: error = %v, want lead.ErrUnmapped", err)
	}
	out, rep, err := runC2P(t, c, `{"name": "Anna Schäfer", "status": "New", "tags": ["hot"], "assignee_id": 814201}`)
	if err != nil {
		t.Fatalf("strict conversion of a fully mapped lead: %v\n%s", err, jsonOf(rep))
	}
	if jsonOf(out["lead"].(map[string]any)["label_ids"]) != `["5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01"]` {
		t.Errorf("labels: %s", jsonOf(out))
	}
}

// TestZeroConverter: the zero Converter maps nothing and still produces
// valid output, with every id reported.
func TestZeroConverter(t *testing.T) {
	var c Converter
	out, rep, err := runP2C(t, c, pdLead(`"owner_id": 1, "label_ids": ["5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01"], "was_seen": true`))
	if err != nil {
		t.Fatal(err)
	}
	if out["name"] != "Brandt – rollout" || out["assignee_id"] != nil || out["tags"] != nil {
		t.Errorf("output %s", jsonOf(out))
	}
	for _, p := range []string{"owner_id", "label_ids[0]", "was_seen", "person_id"} {
		if find(rep, p, lead.Dropped) == nil {
			t.Errorf("report lacks dropped %s:\n%s", p, jsonOf(rep))
		}
	}
	b, rep, err := runC2P(t, c, cpLead(`"assignee_id": 5, "status": "New"`))
	if err != nil {
		t.Fatal(err)
	}
	if b["person"] == nil || b["lead"].(map[string]any)["title"] != "Anna Schäfer" {
		t.Errorf("bundle %s", jsonOf(b))
	}
	for _, p := range []string{"assignee_id", "status"} {
		if find(rep, p, lead.Dropped) == nil {
			t.Errorf("report lacks dropped %s:\n%s", p, jsonOf(rep))
		}
	}
}

// TestTypeConversion: a mapping's type converts values whose types differ.
func TestTypeConversion(t *testing.T) {
	c := sampleConverter(t)
	c.Mapping.CustomFields = []FieldMapping{
		{Key: "score_text", Pipedrive: "fab36728a78beb7e0787c0de2f960063bc67ba94", Copper: 420101, Type: lead.FieldText},
		{Key: "industry_text", Pipedrive: "d419c7723226db943c3ae353fb14628e90b401a6", Copper: 420102, Type: lead.FieldText},
		{Key: "budget_number", Pipedrive: "458bfed0a712755f6cace4d519d5269512e74f7b", Copper: 420107, Type: lead.FieldNumber},
	}
	out, rep, err := runP2C(t, c, pdLead(`"fab36728a78beb7e0787c0de2f960063bc67ba94": 87.50, "d419c7723226db943c3ae353fb14628e90b401a6": "62", `+
		`"458bfed0a712755f6cace4d519d5269512e74f7b": 10.5, "458bfed0a712755f6cace4d519d5269512e74f7b_currency": "EUR"`))
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"custom_field_definition_id":420101,"value":"87.50"},{"custom_field_definition_id":420102,"value":"Manufacturing"},{"custom_field_definition_id":420107,"value":10.5}]`
	if got := jsonOf(out["custom_fields"]); got != want {
		t.Errorf("custom_fields = %s\nwant %s", got, want)
	}
	for _, p := range []string{"fab36728a78beb7e0787c0de2f960063bc67ba94", "d419c7723226db943c3ae353fb14628e90b401a6", "458bfed0a712755f6cace4d519d5269512e74f7b"} {
		if find(rep, p, lead.Changed) == nil {
			t.Errorf("report lacks changed %s:\n%s", p, jsonOf(rep))
		}
	}
}

// TestPipedriveToCopperObject: the object form keeps timestamps, in whole
// seconds, and reports the cut.
func TestPipedriveToCopperObject(t *testing.T) {
	c := sampleConverter(t)
	in, err := pipedrive.DecodeLead([]byte(pdLead(`"add_time": "2020-10-14T11:30:36.551Z", "update_time": "2020-10-14T11:30:37.000Z"`)))
	if err != nil {
		t.Fatal(err)
	}
	obj, rep, err := c.PipedriveToCopperObject(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := obj.DateCreated.Value; got != 1602675036 {
		t.Errorf("date_created = %d, want 1602675036", got)
	}
	if find(rep, "add_time", lead.Changed) == nil || find(rep, "update_time", lead.Changed) != nil {
		t.Errorf("report:\n%s", jsonOf(rep))
	}
	if find(rep, "add_time", lead.Dropped) != nil {
		t.Errorf("add_time dropped in the object form:\n%s", jsonOf(rep))
	}
}
