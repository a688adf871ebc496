package pipedrive

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpus, "leads", "*.json"))
	for _, p := range files {
		f.Add(testkit.MustRead(f, p))
	}
	f.Add([]byte(`{"value":{"amount":-0,"currency":"EUR"},"person_id":1,"0123456789abcdef0123456789abcdef01234567":[1,{"a":"\ud83d\ude00"}]}`))
}

// FuzzDecodeLead: no input panics; an error is a lead.ErrorList; what
// decodes encodes to the same JSON value and decodes again to it.
// Run: go test ./pipedrive -run '^$' -fuzz '^FuzzDecodeLead$' -fuzztime 2m
func FuzzDecodeLead(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := DecodeLead(data)
		if err != nil {
			var list lead.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error names no field: %v", err)
			}
			return
		}
		out := l.AppendJSON(nil)
		if !testkit.JSONEqual(out, data) {
			t.Fatalf("AppendJSON changed the value:\nin:  %q\nout: %q", data, out)
		}
		l2, err := DecodeLead(out)
		if err != nil {
			t.Fatalf("re-decode %q: %v", out, err)
		}
		if out2 := l2.AppendJSON(nil); string(out2) != string(out) {
			t.Fatalf("not a fixpoint:\n%q\n%q", out, out2)
		}
	})
}

// FuzzToLead: what ToLead accepts is valid, LeadObject gives back the
// input's JSON value, and a second ToLead gives an equal lead.
// Run: go test ./pipedrive -run '^$' -fuzz '^FuzzToLead$' -fuzztime 2m
func FuzzToLead(f *testing.F) {
	addSeeds(f)
	trs := []Translator{{}, accountTranslator(f, PlanPremium), accountTranslator(f, PlanEssential)}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := DecodeLead(data)
		if err != nil {
			return
		}
		for _, tr := range trs {
			l, _, err := tr.ToLead(in)
			if err != nil {
				var list lead.ErrorList
				if !errors.As(err, &list) || len(list) == 0 {
					t.Fatalf("error names no field: %v", err)
				}
				continue
			}
			if err := l.Validate(); err != nil {
				t.Fatalf("ToLead accepted an invalid lead: %v", err)
			}
			obj, _, err := tr.LeadObject(l)
			if err != nil {
				t.Fatalf("LeadObject: %v", err)
			}
			out := obj.AppendJSON(nil)
			if !testkit.JSONEqual(out, data) {
				t.Fatalf("round trip changed the value:\nin:  %q\nout: %q", data, out)
			}
			l2, _, err := tr.ToLead(mustDecode(t, out))
			if err != nil {
				t.Fatalf("second ToLead: %v", err)
			}
			if diff := cmp.Diff(l, l2, testkit.CmpOptions()...); diff != "" {
				t.Fatalf("not a fixpoint (-first +second):\n%s", diff)
			}
			if _, _, err := tr.FromLead(l); err != nil {
				var list lead.ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("FromLead error names no field: %v", err)
				}
			}
		}
	})
}
