package convert

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// goldenCase is what a golden file of this package holds.
type goldenCase struct {
	Output json.RawMessage `json:"output,omitempty"`
	Report lead.Report     `json:"report"`
	Errors []string        `json:"errors,omitempty"`
}

// variants are the configurations the corpus runs under.
func variants(t *testing.T) map[string]Converter {
	full := sampleConverter(t)
	partial := full
	partial.Mapping = mustMapping(t, filepath.Join(root, "convert", "mapping_partial.json"))
	noDir := full
	noDir.Directory = nil
	partialNoDir := partial
	partialNoDir.Directory = nil
	return map[string]Converter{
		"full_dir": full, "full_nodir": noDir, "partial_dir": partial, "partial_nodir": partialNoDir,
	}
}

func marshalOutput(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPipedriveToCopperGolden converts every sample Pipedrive lead under
// each variant: testdata/convert/pipedrive_to_copper/<variant>/<case>.golden.json.
func TestPipedriveToCopperGolden(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(root, "pipedrive", "leads", "*.json"))
	if len(inputs) == 0 {
		t.Fatal("no sample Pipedrive leads")
	}
	for name, c := range variants(t) {
		for _, in := range inputs {
			base := strings.TrimSuffix(filepath.Base(in), ".json")
			t.Run(name+"/"+base, func(t *testing.T) {
				src, err := pipedrive.DecodeLead(testkit.MustRead(t, in))
				if err != nil {
					t.Fatalf("DecodeLead: %v", err)
				}
				out, rep, err := c.PipedriveToCopper(src)
				checkReport(t, rep)
				got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
				if err == nil {
					got.Output = marshalOutput(t, out)
					checkCopperBody(t, c, out)
				}
				golden.CheckJSON(t, filepath.Join(root, "convert", "pipedrive_to_copper", name, base+".golden.json"), got)
			})
		}
	}
}

// TestCopperToPipedriveGolden converts every sample Copper lead under each
// variant: testdata/convert/copper_to_pipedrive/<variant>/<case>.golden.json.
func TestCopperToPipedriveGolden(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(root, "copper", "leads", "*.json"))
	if len(inputs) == 0 {
		t.Fatal("no sample Copper leads")
	}
	for name, c := range variants(t) {
		for _, in := range inputs {
			base := strings.TrimSuffix(filepath.Base(in), ".json")
			t.Run(name+"/"+base, func(t *testing.T) {
				src, err := copper.DecodeLead(testkit.MustRead(t, in))
				if err != nil {
					t.Fatalf("DecodeLead: %v", err)
				}
				out, rep, err := c.CopperToPipedrive(src)
				checkReport(t, rep)
				got := goldenCase{Report: rep, Errors: testkit.ErrorLines(err)}
				if err == nil {
					got.Output = marshalOutput(t, out)
					checkBundle(t, out)
				}
				golden.CheckJSON(t, filepath.Join(root, "convert", "copper_to_pipedrive", name, base+".golden.json"), got)
			})
		}
	}
}

// checkCopperBody checks that a create body reads back as a Copper lead
// the Copper adapter accepts: the target's validation.
func checkCopperBody(t testing.TB, c Converter, body copper.CreateLeadRequest) {
	t.Helper()
	b, err := body.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := copper.DecodeLead(b)
	if err != nil {
		t.Fatalf("the create body does not decode: %v\n%s", err, b)
	}
	if _, _, err := c.CopperTranslator().ToLead(back); err != nil {
		t.Fatalf("the Copper adapter rejects the create body: %v\n%s", err, b)
	}
	if !back.Name.IsZero() && back.Name.Value == "" {
		t.Fatalf("empty name in %s", b)
	}
	if back.Name.State != copper.Present {
		t.Fatalf("no name in %s", b)
	}
}

// checkBundle checks a bundle's own rules: the lead has a title and a
// person or organization, or Refs says which the loader fills.
func checkBundle(t testing.TB, b Bundle) {
	t.Helper()
	if b.Lead.Title == "" {
		t.Errorf("bundle lead has no title")
	}
	_, hasP := b.Lead.PersonID.Get()
	_, hasO := b.Lead.OrganizationID.Get()
	if !hasP && !hasO && b.Refs["lead.person_id"] == "" && b.Refs["lead.organization_id"] == "" {
		t.Errorf("bundle lead links no person or organization")
	}
	if (b.Person != nil) != (b.Refs["lead.person_id"] == "person") {
		t.Errorf("Refs and Person disagree: %v", b.Refs)
	}
	if b.Person != nil && b.Person.Name == "" {
		t.Errorf("person to create has no name")
	}
	checkBundleJSON(t, b)
}

// checkBundleJSON checks that Bundle.AppendJSON writes what encoding/json
// writes for the bundle by reflection, with HTML escaping off.
func checkBundleJSON(t testing.TB, b Bundle) {
	t.Helper()
	type plain Bundle // the fields without Bundle's methods
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(plain(b)); err != nil {
		t.Fatal(err)
	}
	if got := b.AppendJSON(nil); !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
		t.Errorf("Bundle.AppendJSON:\n got %s\nwant %s", got, want.Bytes())
	}
}

func TestBundleAppendJSON(t *testing.T) {
	odd := "<a&b> \"q\" \\ \n\t\u2028 é 😀"
	for _, b := range []Bundle{
		{},
		{Archive: true},
		{Organization: &OrganizationCreate{Name: odd, OwnerID: 7, VisibleTo: "3"}},
		{Organization: &OrganizationCreate{}, Person: &PersonCreate{}},
		{Person: &PersonCreate{Name: odd, OwnerID: -1, OrgID: 9, VisibleTo: "1",
			Email: []ContactValue{{Value: "a@b.example", Primary: true, Label: "work"}, {Value: odd}},
			Phone: []ContactValue{{Value: "+1 555", Label: odd}}}},
		{Person: &PersonCreate{Name: "p", Email: []ContactValue{}, Phone: nil}},
		{Refs: map[string]string{"lead.person_id": "person", "lead.organization_id": "organization", "person.org_id": odd}},
		{Refs: map[string]string{}},
	} {
		checkBundleJSON(t, b)
	}
}

// checkReport checks a report's own rules: sorted by path and kind, no
// duplicates, a reason on every entry, and reasons that never quote the
// detail.
func checkReport(t testing.TB, rep lead.Report) {
	t.Helper()
	for i, ch := range rep {
		if ch.Reason == "" {
			t.Errorf("entry %d (%s) has no reason", i, ch.Path)
		}
		// Reasons are fixed text: one that quoted a value would leak it
		// past Redact. A value of a few bytes ("a", "USD") may occur in a
		// fixed reason by chance, so only details of 8 bytes or more count.
		if len(ch.Detail) >= 8 && strings.Contains(ch.Reason, ch.Detail) {
			t.Errorf("entry %d (%s): reason %q quotes the detail", i, ch.Path, ch.Reason)
		}
		if i > 0 {
			p := rep[i-1]
			if p.Path > ch.Path || p.Path == ch.Path && p.Kind > ch.Kind {
				t.Errorf("report not sorted at %d: %s %s after %s %s", i, ch.Path, ch.Kind, p.Path, p.Kind)
			}
			if p == ch {
				t.Errorf("duplicate entry %d: %+v", i, ch)
			}
		}
	}
}
