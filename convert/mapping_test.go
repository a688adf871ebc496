package convert

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// schemaNode is the part of JSON Schema the mapping schema uses.
type schemaNode struct {
	Type                 any                    `json:"type"`
	Properties           map[string]*schemaNode `json:"properties"`
	Items                *schemaNode            `json:"items"`
	AdditionalProperties *bool                  `json:"additionalProperties"`
	Required             []string               `json:"required"`
	Enum                 []any                  `json:"enum"`
}

// TestSchemaMatchesType checks testdata/mapping.schema.json against the Go
// type: every key the type accepts is in the schema and vice versa, with
// the same JSON type, and every object forbids other keys.
func TestSchemaMatchesType(t *testing.T) {
	var s schemaNode
	if err := json.Unmarshal(testkit.MustRead(t, filepath.Join(root, "mapping.schema.json")), &s); err != nil {
		t.Fatal(err)
	}
	compareSchema(t, "(root)", &s, reflect.TypeFor[Mapping]())
}

func compareSchema(t *testing.T, path string, s *schemaNode, typ reflect.Type) {
	t.Helper()
	want := map[reflect.Kind]string{reflect.Struct: "object", reflect.Slice: "array", reflect.String: "string",
		reflect.Bool: "boolean", reflect.Int64: "integer"}[typ.Kind()]
	got, _ := s.Type.(string)
	if got == "" && s.Enum != nil {
		got = "string" // every enum of the schema lists strings
	}
	if got != want {
		t.Errorf("%s: schema type %q, Go type %s wants %q", path, got, typ, want)
		return
	}
	switch typ.Kind() {
	case reflect.Struct:
		if s.AdditionalProperties == nil || *s.AdditionalProperties {
			t.Errorf("%s: schema allows additional properties; the parser rejects them", path)
		}
		fields := jsonFields(typ)
		var goKeys, schemaKeys []string
		for k := range fields {
			goKeys = append(goKeys, k)
		}
		for k := range s.Properties {
			schemaKeys = append(schemaKeys, k)
		}
		slices.Sort(goKeys)
		slices.Sort(schemaKeys)
		if diff := cmp.Diff(goKeys, schemaKeys); diff != "" {
			t.Errorf("%s: keys mismatch (-Go +schema):\n%s", path, diff)
		}
		for k, ft := range fields {
			if sub, ok := s.Properties[k]; ok {
				compareSchema(t, path+"."+k, sub, ft)
			}
		}
		for _, r := range s.Required {
			if _, ok := fields[r]; !ok {
				t.Errorf("%s: schema requires unknown key %q", path, r)
			}
		}
	case reflect.Slice:
		if s.Items == nil {
			t.Errorf("%s: array without items", path)
			return
		}
		compareSchema(t, path+"[]", s.Items, typ.Elem())
	}
}

func TestLoadSampleMappings(t *testing.T) {
	for _, p := range []string{filepath.Join(root, "mapping.json"), filepath.Join(root, "convert", "mapping_partial.json")} {
		if _, err := LoadMapping(p); err != nil {
			t.Errorf("LoadMapping(%s): %v", p, err)
		}
	}
	m := mustMapping(t, filepath.Join(root, "mapping.json"))
	if len(m.Users) != 5 || len(m.Labels) != 6 || len(m.CustomFields) < 7 {
		t.Errorf("sample mapping: %d users, %d labels, %d fields", len(m.Users), len(m.Labels), len(m.CustomFields))
	}
}

func TestParseMappingErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty object", `{}`, nil},
		{"not JSON", `{"users": [`, []string{"users[0]: unexpected end of input at offset 11"}},
		{"two values", `{} {}`, []string{"(root): invalid character '{' at offset 3"}},
		{"closing bracket after the value", `{}]`, []string{"(root): invalid character ']' at offset 2"}},
		// encoding/json keeps the last of two keys: the first list of
		// users would be lost without a word.
		{"key twice", `{"users": [{"pipedrive": 1, "copper": 2}], "users": []}`, []string{"users: duplicate key at offset 43"}},
		{"key twice, first of the wrong type", `{"users": "x", "users": []}`, []string{"users: duplicate key at offset 15"}},
		{"invalid UTF-8", "{\"defaults\": {\"title_template\": \"\xff{name}\"}}", []string{"defaults.title_template: invalid UTF-8 at offset 33"}},
		{"unknown key", `{"user": []}`, []string{"user: unknown field"}},
		{"empty key", `{"users": [{"pipedrive": 1, "copper": 2, "": 3}], "": {}}`, []string{`[""]: unknown field`, `users[0][""]: unknown field`}},
		{"unknown nested key", `{"users": [{"pipedrive": 1, "copper": 2, "cooper": 3}]}`, []string{"users[0].cooper: unknown field"}},
		{"wrong type", `{"users": [{"pipedrive": "1", "copper": 2}]}`, []string{"users[0].pipedrive: want integer"}},
		{"fractional id", `{"users": [{"pipedrive": 1.5, "copper": 2}]}`, []string{"users[0].pipedrive: want integer"}},
		{"missing copper user", `{"users": [{"pipedrive": 1, "copper": 2}, {"pipedrive": 2}, {"pipedrive": 3, "copper": 4}, {"pipedrive": 4}]}`,
			[]string{"users[1].copper: required", "users[3].copper: required"}},
		{"duplicate users", `{"users": [{"pipedrive": 1, "copper": 2}, {"pipedrive": 1, "copper": 2}]}`,
			[]string{"users[1].copper: unique", "users[1].pipedrive: unique"}},
		{"label not a uuid", `{"labels": [{"pipedrive": "hot", "name": "Hot"}]}`, []string{"labels[0].pipedrive: uuid"}},
		{"label without tag", `{"labels": [{"pipedrive": "5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01"}]}`, []string{"labels[0].copper: required without name"}},
		{"source without pipedrive side", `{"sources": [{"pipedrive": {}, "copper": 5}]}`,
			[]string{"sources[0].pipedrive: one of source_name, origin, channel is required"}},
		{"status twice", `{"status": {"to_pipedrive": [{"copper": "New"}, {"copper": "new"}]}}`, []string{"status.to_pipedrive[1].copper: unique"}},
		{"visible_to on plan", `{"visibility": {"plan": "growth", "visible_to": "7"}}`, []string{"visibility.visible_to: oneof=1 3"}},
		{"unknown plan", `{"visibility": {"plan": "gold"}}`, []string{"visibility.plan: oneof=light growth professional essential advanced premium ultimate power enterprise"}},
		{"field key", `{"custom_fields": [{"key": "x", "pipedrive": "ABC"}]}`, []string{"custom_fields[0].pipedrive: 40 hex digits"}},
		{"field without side", `{"custom_fields": [{"key": "x"}]}`, []string{"custom_fields[0]: one of pipedrive, copper is required"}},
		{"field type", `{"custom_fields": [{"key": "x", "copper": 1, "type": "bool"}]}`, []string{"custom_fields[0].type: oneof=text number money date datetime url"}},
		{"option missing", `{"custom_fields": [{"key": "x", "copper": 1, "options": [{"pipedrive": 5}]}]}`, []string{"custom_fields[0].options[0].copper: required"}},
		{"currency", `{"defaults": {"currency": "euro"}}`, []string{"defaults.currency: iso4217"}},
		{"template", `{"defaults": {"title_template": "{title}"}}`,
			[]string{"defaults.title_template: needs a placeholder", "defaults.title_template: placeholders {name} {company_name} {email}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMapping([]byte(tt.in))
			got := redacted(err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseMapping(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
			var list lead.ErrorList
			if err != nil && !errors.As(err, &list) {
				t.Errorf("error is not a lead.ErrorList: %T", err)
			}
		})
	}
}

func TestLoadMappingNamesFile(t *testing.T) {
	_, err := LoadMapping(filepath.Join(root, "pipedrive", "leadLabels.json"))
	if err == nil || !strings.Contains(err.Error(), "leadLabels.json") || !strings.Contains(err.Error(), "success: unknown field") {
		t.Fatalf("LoadMapping of a non-mapping: %v", err)
	}
	if !errors.Is(err, lead.ErrInvalid) {
		t.Errorf("error does not wrap lead.ErrInvalid: %v", err)
	}
}

func TestTitleTemplate(t *testing.T) {
	tests := []struct{ tmpl, name, company, email, want string }{
		{"", "Anna", "Brandt", "", "Brandt – Anna"},
		{"", "Anna", "", "", "Anna"},
		{"", "", "Brandt", "", "Brandt"},
		{"{name} ({email})", "Anna", "", "a@b.de", "Anna (a@b.de)"},
		{"Lead: {name} @ {company_name}", "Anna", "Brandt", "", "Lead: Anna @ Brandt"},
		{"Lead: {name} @ {company_name}", "Anna", "", "", "Lead: Anna"},
	}
	for _, tt := range tests {
		if got := titleFrom(tt.tmpl, tt.name, tt.company, tt.email); got != tt.want {
			t.Errorf("titleFrom(%q, %q, %q, %q) = %q, want %q", tt.tmpl, tt.name, tt.company, tt.email, got, tt.want)
		}
	}
}

// redacted returns the "path: rule" lines of an error list, sorted.
func redacted(err error) []string {
	var list lead.ErrorList
	if !errors.As(err, &list) {
		if err != nil {
			return []string{err.Error()}
		}
		return nil
	}
	var out []string
	for _, fe := range list {
		out = append(out, fe.Redacted())
	}
	slices.Sort(out)
	return out
}

// TestParseMappingReportsEveryError: a value of the wrong type does not
// hide the other broken rules of the file.
func TestParseMappingReportsEveryError(t *testing.T) {
	_, err := ParseMapping([]byte(`{"users":[{"pipedrive":1},{"pipedrive":"x","copper":2}],"labels":[{"pipedrive":"bad"}],"nope":1}`))
	got := testkit.ErrorLines(err)
	want := []string{
		"labels[0].copper: required without name",
		"labels[0].pipedrive: uuid: invalid",
		"nope: unknown field: invalid",
		"users[0].copper: required",
		"users[1].pipedrive: want integer: wrong JSON type",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseMapping errors mismatch (-want +got):\n%s", diff)
	}
	_, err = Setup{Mapping: []byte(`{"users":[{}]}`)}.Converter()
	if err == nil || !strings.HasPrefix(err.Error(), "mapping:\n") {
		t.Errorf("Setup without MappingFile: %q, want it to start with \"mapping:\\n\"", err)
	}
}
