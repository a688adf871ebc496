package convert

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// A corpusRecord is one lead of the sample corpus.
type corpusRecord struct {
	name string
	rec  []byte
}

// corpusOf returns every sample lead of a vendor: the 50 generated leads
// of leads.ndjson, the per-case leads of leads/*.json and the create and
// update bodies, which read as leads too.
func corpusOf(t *testing.T, vendor Format) []corpusRecord {
	t.Helper()
	dir := filepath.Join(root, string(vendor))
	var out []corpusRecord
	f, err := os.Open(filepath.Join(dir, "leads.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		out = append(out, corpusRecord{"leads.ndjson:" + strconv.Itoa(n), bytes.Clone(sc.Bytes())})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// The per-case leads, and the request bodies read as leads.
	for _, sub := range []string{"leads", "create", "update"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.json"))
		for _, p := range files {
			out = append(out, corpusRecord{sub + "/" + filepath.Base(p), testkit.MustRead(t, p)})
		}
	}
	if len(out) < 60 {
		t.Fatalf("%s corpus: %d leads, want the 50 generated and the per-case ones", vendor, len(out))
	}
	return out
}

// TestCanonicalRoutesAgree: vendor → canonical → vendor gives the same
// output bytes as the direct route, for every sample lead of both vendors,
// to both vendors, with the sample mapping, accounts and directory and
// with none. Reports: across vendors, the direct report is the canonical
// leg's and the second leg's together (paths named as the lead's own
// system names them on both routes); to the same vendor, the identity
// reports only what the way back could not restore, on both routes.
// Errors are the same lines.
func TestCanonicalRoutesAgree(t *testing.T) {
	for setupName, c := range map[string]Converter{"sample": sample(t), "zero": {}} {
		for _, from := range []Format{Pipedrive, Copper} {
			for _, r := range corpusOf(t, from) {
				// The bundled samples convert with the sample set-up
				// (all 50 were once rejected via canonical).
				mustConvert := setupName == "sample" && strings.HasPrefix(r.name, "leads.ndjson")
				checkRoutes(t, setupName, c, from, r, mustConvert)
			}
		}
	}
}

// TestCanonicalRoutesAgreeGenerated: the same over generated leads of
// another seed than the bundled samples'.
func TestCanonicalRoutesAgreeGenerated(t *testing.T) {
	c := sample(t)
	for _, from := range []Format{Pipedrive, Copper} {
		for i, rec := range generate(t, from, 200, 7) {
			checkRoutes(t, "generated", c, from, corpusRecord{"seed7:" + strconv.Itoa(i+1), rec}, false)
		}
	}
}

// checkRoutes converts r from → each vendor directly and through the
// canonical JSON, and compares outputs, reports and errors.
func checkRoutes(t *testing.T, setupName string, c Converter, from Format, r corpusRecord, mustConvert bool) {
	t.Helper()
	conv := func(from, to Format) *RecordConverter {
		rc, err := NewRecordConverter(from, to, c)
		if err != nil {
			t.Fatal(err)
		}
		return rc
	}
	for _, to := range []Format{Pipedrive, Copper} {
		t.Run(setupName+"/"+string(from)+"→"+string(to)+"/"+r.name, func(t *testing.T) {
			direct, drep, derr := conv(from, to).Convert(r.rec, nil)
			canon, crep, cerr := conv(from, Canonical).Convert(r.rec, nil)
			if cerr != nil {
				if diff := cmp.Diff(testkit.ErrorLines(derr), testkit.ErrorLines(cerr)); diff != "" {
					t.Errorf("the canonical leg failed otherwise than the direct route (-direct +canonical):\n%s", diff)
				}
				return
			}
			via, vrep, verr := conv(Canonical, to).Convert(canon, nil)
			if mustConvert && verr != nil {
				t.Errorf("canonical → %s rejected a bundled sample: %v", to, verr)
			}
			if diff := cmp.Diff(testkit.ErrorLines(derr), testkit.ErrorLines(verr)); diff != "" {
				t.Fatalf("errors differ (-direct +via canonical):\n%s\ncanonical: %s", diff, canon)
			}
			if diff := cmp.Diff(string(direct), string(via)); diff != "" {
				t.Errorf("output differs (-direct +via canonical):\n%s\ncanonical: %s", diff, canon)
			}
			if derr != nil {
				return // a rejected record has no report
			}
			got := vrep
			if from == to {
				// The identity keeps the reading's unverified notes, as
				// the canonical leg reports them.
				for _, ch := range crep {
					if ch.Kind == lead.Unverified {
						got = append(got, ch)
					}
				}
				got = finish(got)
			} else {
				// As the direct route settles its report: a drop of the
				// second leg supersedes the first leg's drop of that path
				// (the canonical lead kept what the first leg could not
				// place; the second leg says where it finally went).
				later := map[string]bool{}
				for _, ch := range vrep {
					if ch.Kind == lead.Dropped {
						later[ch.Path] = true
					}
				}
				first := slices.DeleteFunc(slices.Clone(crep), func(ch lead.Change) bool { return ch.Kind == lead.Dropped && later[ch.Path] })
				got = finish(append(first, vrep...))
			}
			if diff := cmp.Diff(drep, got); diff != "" {
				t.Errorf("report differs (-direct +via canonical):\n%s", diff)
			}
		})
	}
}

// TestCanonicalRoutesStrict: under Strict both routes reject the same
// records, and agree on the output of the others. The canonical route's
// errors name what its second leg drops; what the first leg reported
// (the source adapter's own drops) it does not repeat.
func TestCanonicalRoutesStrict(t *testing.T) {
	full := sample(t)
	full.Strict = true
	for name, c := range map[string]Converter{"sample": full, "zero": {Strict: true}} {
		conv := func(from, to Format) *RecordConverter {
			rc, err := NewRecordConverter(from, to, c)
			if err != nil {
				t.Fatal(err)
			}
			return rc
		}
		for _, from := range []Format{Pipedrive, Copper} {
			to := Copper
			if from == Copper {
				to = Pipedrive
			}
			for _, r := range corpusOf(t, from) {
				direct, _, derr := conv(from, to).Convert(r.rec, nil)
				canon, _, cerr := conv(from, Canonical).Convert(r.rec, nil)
				var via []byte
				verr := cerr
				if cerr == nil {
					via, _, verr = conv(Canonical, to).Convert(canon, nil)
				}
				if (derr == nil) != (verr == nil) {
					t.Errorf("%s %s → %s %s: direct error %v, via canonical %v", name, from, to, r.name, derr, verr)
					continue
				}
				if !bytes.Equal(direct, via) {
					t.Errorf("%s %s → %s %s: output differs:\n%s\n%s", name, from, to, r.name, direct, via)
				}
			}
		}
	}
}

// TestCanonicalToVendorUsesMapping: canonical → Pipedrive maps a Copper
// assignee by the mapping's users (it was dropped as "not a Pipedrive
// integer id"), and canonical → Copper fills a Pipedrive lead's contact
// from the directory (it was rejected with "name: required").
func TestCanonicalToVendorUsesMapping(t *testing.T) {
	c := sample(t)
	run := func(to Format, rec string) ([]byte, lead.Report) {
		t.Helper()
		rc, err := NewRecordConverter(Canonical, to, c)
		if err != nil {
			t.Fatal(err)
		}
		out, rep, err := rc.Convert([]byte(rec), nil)
		if err != nil {
			t.Fatalf("canonical → %s: %v", to, err)
		}
		return out, rep
	}
	out, rep := run(Pipedrive, `{"name":{"full":"Ana García"},"phone_numbers":[{"number":"+34 600 000 000","category":"mobile"}],`+
		`"company_name":"Acme SL","owner":{"system":"copper","id":"814201"}}`)
	if !bytes.Contains(out, []byte(`"owner_id":11208433`)) || !bytes.Contains(out, []byte(`"person":{"name":"Ana García"`)) {
		t.Errorf("canonical → pipedrive did not map the assignee or plan the person:\n%s\nreport: %v", out, rep)
	}
	out, rep = run(Copper, `{"title":"Renewal","person":{"system":"pipedrive","id":"2101"},"owner":{"system":"pipedrive","id":"11208433"}}`)
	if !bytes.Contains(out, []byte(`"name":"Anna Schäfer"`)) || !bytes.Contains(out, []byte(`"assignee_id":814201`)) {
		t.Errorf("canonical → copper did not fill the contact or map the owner:\n%s\nreport: %v", out, rep)
	}
}

// TestCanonicalMixedRefs: a canonical lead naming both systems is remapped
// from the other one, and what already belongs to the target stands: a
// Pipedrive person link is not replaced by a new person, a Copper custom
// field is not dropped as unmapped.
func TestCanonicalMixedRefs(t *testing.T) {
	c := sample(t)
	rc, err := NewRecordConverter(Canonical, Pipedrive, c)
	if err != nil {
		t.Fatal(err)
	}
	out, rep, err := rc.Convert([]byte(`{"name":{"full":"Ana García"},"emails":[{"address":"ana@example.org"}],`+
		`"person":{"system":"pipedrive","id":"2101"},"owner":{"system":"copper","id":"814201"}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte(`"person":{`)) || !bytes.Contains(out, []byte(`"person_id":2101`)) ||
		!bytes.Contains(out, []byte(`"organization_id":501`)) || !bytes.Contains(out, []byte(`"owner_id":11208433`)) {
		t.Errorf("canonical → pipedrive replaced the lead's person link:\n%s\nreport: %v", out, rep)
	}
	// The contact data the linked person does not hold is reported.
	for _, p := range []string{"name", "email"} {
		if !slices.ContainsFunc(rep, func(ch lead.Change) bool { return ch.Path == p && ch.Kind == lead.Dropped }) {
			t.Errorf("%s not reported as dropped: %v", p, rep)
		}
	}

	rc, err = NewRecordConverter(Canonical, Copper, c)
	if err != nil {
		t.Fatal(err)
	}
	out, rep, err = rc.Convert([]byte(`{"title":"Renewal","person":{"system":"pipedrive","id":"2101"},`+
		`"custom_fields":[{"key":"copper:420101","type":"text","source":{"system":"copper","id":"420101"},"text":"SPRING"}]}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`{"custom_field_definition_id":420101,"value":"SPRING"}`)) {
		t.Errorf("canonical → copper dropped the lead's Copper field:\n%s\nreport: %v", out, rep)
	}
	for _, ch := range rep {
		if ch.Kind == lead.Dropped && strings.HasPrefix(ch.Path, "custom_fields") {
			t.Errorf("reported %v", ch)
		}
	}
}

// TestCanonicalLegReportsVendorOnlyValues: what the canonical lead holds
// only in vendor data (a visible_to code of an unknown plan, a Copper
// amount without currency) is reported when the second leg drops it.
func TestCanonicalLegReportsVendorOnlyValues(t *testing.T) {
	tests := []struct {
		from, to Format
		rec      string
		path     string
	}{
		{Pipedrive, Copper, `{"title":"T","organization_id":5,"visible_to":"3"}`, "visible_to"},
		{Copper, Pipedrive, `{"name":"Ana","monetary_value":2500,"monetary_unit":null}`, "monetary_value"},
	}
	for _, tt := range tests {
		var c Converter // no plan, no default currency
		toCanonical, _ := NewRecordConverter(tt.from, Canonical, c)
		canon, _, err := toCanonical.Convert([]byte(tt.rec), nil)
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := NewRecordConverter(Canonical, tt.to, c)
		_, rep, err := rc.Convert(canon, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(rep, func(ch lead.Change) bool { return ch.Path == tt.path && ch.Kind == lead.Dropped }) {
			t.Errorf("canonical → %s: %s not reported as dropped: %v\ncanonical: %s", tt.to, tt.path, rep, canon)
		}
	}
}

// TestCanonicalPhoneNumbers: the canonical reader takes a phone number as
// the string it is; a custom field's number is still a decimal.
func TestCanonicalPhoneNumbers(t *testing.T) {
	l, err := DecodeCanonical([]byte(`{"title":"T","phone_numbers":[{"number":"+49 30 1234","category":"work"}]}`))
	if err != nil || len(l.Phones) != 1 || l.Phones[0].Number != "+49 30 1234" {
		t.Errorf("DecodeCanonical: %+v, %v", l.Phones, err)
	}
	_, err = DecodeCanonical([]byte(`{"title":"T","custom_fields":[{"key":"k","type":"number","number":"12"}]}`))
	if err == nil || !strings.Contains(err.Error(), "custom_fields[0].number") {
		t.Errorf("a custom number as a string: error %v, want one naming custom_fields[0].number", err)
	}
}

// FuzzCanonicalRoutes: for any Pipedrive or Copper lead (the first byte
// picks the vendor), the route through the canonical JSON writes what the
// direct route writes, to both vendors, with the sample set-up and none.
//
// Run: go test ./convert -run '^$' -fuzz '^FuzzCanonicalRoutes$' -fuzztime 3m
func FuzzCanonicalRoutes(f *testing.F) {
	for i, from := range []Format{Pipedrive, Copper} {
		files, _ := filepath.Glob(filepath.Join(root, string(from), "leads", "*.json"))
		for _, p := range files {
			f.Add(append([]byte{byte(i)}, testkit.MustRead(f, p)...))
		}
	}
	setups := []Converter{sample(f), {}}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		from := Pipedrive
		if data[0]%2 == 1 {
			from = Copper
		}
		for i, c := range setups {
			checkRoutes(t, strconv.Itoa(i), c, from, corpusRecord{"fuzz", data[1:]}, false)
		}
	})
}
