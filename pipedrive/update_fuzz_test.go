package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// FuzzUpdateRequest: the PATCH /v1/leads/{id} body that UpdateRequest
// builds from before to after, applied to before's lead object as
// Pipedrive documents PATCH (seed 004: a key left out keeps its value,
// null unsets it, a value sets it; custom fields are top-level 40-hex keys
// with the same rules), gives after: ToLead of the patched object equals
// after, and each key the body may carry holds after's value, except what
// the update's report says could not be carried. before and after are two
// fuzzed Pipedrive leads, each decoded and translated with ToLead.
//
// Run: go test ./pipedrive -run '^$' -fuzz '^FuzzUpdateRequest$' -fuzztime 3m
func FuzzUpdateRequest(f *testing.F) {
	var leads [][]byte
	files, _ := filepath.Glob(filepath.Join(corpus, "leads", "*.json"))
	for _, p := range files {
		leads = append(leads, testkit.MustRead(f, p))
	}
	for i, line := range bytes.Split(testkit.MustRead(f, filepath.Join(corpus, "leads.ndjson")), []byte("\n")) {
		if i < 4 && len(line) > 0 {
			leads = append(leads, line)
		}
	}
	full := testkit.MustRead(f, filepath.Join(corpus, "leads", "full.json"))
	for _, a := range leads {
		f.Add(a, a)
		f.Add(full, a)
		f.Add(a, full)
	}
	// The sample PATCH bodies, applied to the full lead.
	bodies, _ := filepath.Glob(filepath.Join(corpus, "update", "*.json"))
	for _, p := range bodies {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		f.Add(full, applyPatch(full, testkit.MustRead(f, p)))
	}
	trs := []Translator{{}, accountTranslator(f, PlanEssential), accountTranslator(f, PlanPremium)}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		inA, err := DecodeLead(a)
		if err != nil {
			return
		}
		inB, err := DecodeLead(b)
		if err != nil {
			return
		}
		for _, tr := range trs {
			before, _, err := tr.ToLead(inA)
			if err != nil {
				continue
			}
			after, _, err := tr.ToLead(inB)
			if err != nil {
				continue
			}
			checkUpdate(t, tr, before, after)
		}
	})
}

// checkUpdate is FuzzUpdateRequest's oracle for one pair of leads.
func checkUpdate(t *testing.T, tr Translator, before, after lead.Lead) {
	t.Helper()
	req, rep, err := tr.UpdateRequest(before, after)
	if err != nil {
		var list lead.ErrorList
		if !errors.As(err, &list) || len(list) == 0 || slices.ContainsFunc(list, func(e *lead.FieldError) bool { return e.Path == "" }) {
			t.Fatalf("UpdateRequest error names no field: %v", err)
		}
		return
	}
	body := req.AppendJSON(nil)
	// The body is one Pipedrive accepts: no read-only key, no null where
	// Pipedrive forbids it.
	var again UpdateLeadRequest
	if err := json.Unmarshal(body, &again); err != nil {
		t.Fatalf("the body is not a valid PATCH body: %v\n%s", err, body)
	}
	obj, _, err := tr.LeadObject(before)
	if err != nil {
		t.Fatalf("LeadObject(before): %v", err)
	}
	beforeObj := obj.AppendJSON(nil)
	patched := applyPatch(beforeObj, body)
	in, err := DecodeLead(patched)
	if err != nil {
		t.Fatalf("the patched lead does not decode: %v\nbefore: %s\nbody:   %s", err, beforeObj, body)
	}
	got, _, err := tr.ToLead(in)
	if err != nil {
		t.Fatalf("ToLead of the patched lead: %v\nbefore: %s\nbody:   %s", err, beforeObj, body)
	}
	if diff := testkit.DiffModuloReport(after, got, rep); diff != "" {
		t.Fatalf("the body does not turn before into after (-after +patched):\n%s\nbefore: %s\nbody:   %s\nreport: %v", diff, beforeObj, body, rep)
	}
	// Each key the body may carry holds after's value, also where after
	// holds it only as vendor data (a plan-dependent visible_to code, a
	// currency companion of an untyped custom field).
	aobj, _, err := tr.LeadObject(after)
	if err != nil {
		t.Fatalf("LeadObject(after): %v", err)
	}
	afterObj := aobj.AppendJSON(nil)
	excused := excusedKeys(after, rep)
	want, have := testkit.MustJSONObject(afterObj), testkit.MustJSONObject(patched)
	for _, k := range unionKeys(want, have) {
		if !patchable(k) || excused[k] {
			continue
		}
		if !testkit.SameValue(want[k], have[k]) {
			t.Fatalf("key %s: after holds %s, the patched lead %s\nbefore: %s\nbody:   %s\nreport: %v", k, want[k], have[k], beforeObj, body, rep)
		}
	}
}

// applyPatch applies a PATCH /v1/leads/{id} body to a lead object: each
// key of the body replaces the object's, null included; the rest stay.
func applyPatch(obj, body []byte) []byte {
	o, b := testkit.MustJSONObject(obj), testkit.MustJSONObject(body)
	for k, v := range b {
		o[k] = v
	}
	out, err := json.Marshal(o)
	if err != nil {
		panic(err)
	}
	return out
}

// patchable reports whether a PATCH body may set key k (seed 004).
func patchable(k string) bool {
	switch k {
	case "title", "owner_id", "label_ids", "person_id", "organization_id", "is_archived", "value",
		"expected_close_date", "visible_to", "was_seen", "channel", "channel_id":
		return true
	}
	return isCustomOrCompanion(k)
}

// excusedKeys are the keys of the fields rep says could not be carried.
func excusedKeys(after lead.Lead, rep lead.Report) map[string]bool {
	keys := map[string]bool{}
	for _, c := range rep {
		top, rest, _ := strings.Cut(c.Path, ".")
		name, index, _ := strings.Cut(top, "[")
		switch name {
		case "owner":
			keys["owner_id"] = true
		case "labels":
			keys["label_ids"] = true
		case "person":
			keys["person_id"] = true
		case "organization":
			keys["organization_id"] = true
		case "archived":
			keys["is_archived"] = true
		case "seen":
			keys["was_seen"] = true
		case "visibility":
			keys["visible_to"] = true
		case "source":
			switch {
			case strings.HasPrefix(rest, "channel_id"):
				keys["channel_id"] = true
			case strings.HasPrefix(rest, "channel"):
				keys["channel"] = true
			}
		case "custom_fields":
			if i, err := strconv.Atoi(strings.TrimSuffix(index, "]")); err == nil && i < len(after.CustomFields) {
				if k := customKey(after.CustomFields[i]); k != "" {
					keys[k], keys[k+"_currency"], keys[k+"_until"] = true, true, true
				}
			}
		default:
			keys[name] = true
		}
	}
	return keys
}

func unionKeys(a, b map[string]json.RawMessage) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// FuzzUpdateEdit is FuzzUpdateRequest with after made from before by a
// fuzzed edit script (testkit.EditLead): one fuzzed Pipedrive lead and the
// edits of it, the way a caller changes a lead it read.
//
// Run: go test ./pipedrive -run '^$' -fuzz '^FuzzUpdateEdit$' -fuzztime 3m
func FuzzUpdateEdit(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpus, "leads", "*.json"))
	for _, p := range files {
		for _, script := range editSeeds {
			f.Add(testkit.MustRead(f, p), script)
		}
	}
	trs := []Translator{{}, accountTranslator(f, PlanEssential), accountTranslator(f, PlanPremium)}
	f.Fuzz(func(t *testing.T, a, script []byte) {
		in, err := DecodeLead(a)
		if err != nil {
			return
		}
		for _, tr := range trs {
			before, _, err := tr.ToLead(in)
			if err != nil {
				continue
			}
			after := testkit.EditLead(before, System, script)
			if after.Validate() != nil {
				continue
			}
			checkUpdate(t, tr, before, after)
		}
	})
}

// editSeeds are edit scripts that touch each kind of field.
var editSeeds = [][]byte{
	nil,
	{0, 1, 2, 7, 8, 1},
	{1, 0, 4, 0, 5, 3},
	{6, 0, 7, 0, 9, 1, 10, 2, 11, 0},
	{12, 2, 12, 3, 13, 0, 14, 1},
	{14, 2, 14, 5, 3, 1, 23, 0},
	{15, 1, 16, 1, 17, 1, 18, 1, 19, 1, 20, 2, 21, 1, 22, 1},
}
