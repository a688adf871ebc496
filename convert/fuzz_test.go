package convert

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// FuzzPipedriveToCopper: no input panics; an error is a lead.ErrorList;
// what the converter accepts is a Copper create body the Copper adapter
// accepts back, with a name, and a sorted report.
//
// Run: go test ./convert -run '^$' -fuzz '^FuzzPipedriveToCopper$' -fuzztime 30s
func FuzzPipedriveToCopper(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(root, "pipedrive", "leads", "*.json"))
	for _, p := range seeds {
		f.Add(testkit.MustRead(f, p))
	}
	f.Add([]byte(`{"title": "x"}`))
	f.Add([]byte(`{"title": "", "person_id": 2101, "is_archived": true}`))
	c := sampleConverter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := pipedrive.DecodeLead(data)
		if err != nil {
			return // not a Pipedrive lead: the decoder's business
		}
		for _, conv := range []Converter{c, {}} {
			out, rep, err := conv.PipedriveToCopper(in)
			if !slices.IsSortedFunc(rep, func(a, b lead.Change) int {
				if a.Path != b.Path {
					if a.Path < b.Path {
						return -1
					}
					return 1
				}
				return 0
			}) {
				t.Fatalf("report not sorted: %v", rep)
			}
			if err != nil {
				var list lead.ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("error is not a lead.ErrorList: %v", err)
				}
				continue
			}
			checkCopperBody(t, conv, out)
		}
	})
}

// FuzzCopperToPipedrive: no input panics; an error is a lead.ErrorList;
// what the converter accepts is a bundle whose lead body the Pipedrive
// adapter reads back and accepts, with a title and a link (or a ref the
// loader fills), and a report that follows the report's rules.
//
// Run: go test ./convert -run '^$' -fuzz '^FuzzCopperToPipedrive$' -fuzztime 30s
func FuzzCopperToPipedrive(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(root, "copper", "leads", "*.json"))
	for _, p := range seeds {
		f.Add(testkit.MustRead(f, p))
	}
	f.Add([]byte(`{"name": "x"}`))
	f.Add([]byte(`{"name": "A B", "monetary_value": 1.50, "status": "Junk", "status_id": 2083405}`))
	c := sampleConverter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := copper.DecodeLead(data)
		if err != nil {
			return // not a Copper lead: the decoder's business
		}
		for _, conv := range []Converter{c, {}} {
			b, rep, err := conv.CopperToPipedrive(in)
			checkReport(t, rep)
			if err != nil {
				var list lead.ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("error is not a lead.ErrorList: %v", err)
				}
				continue
			}
			checkBundle(t, b)
			body, err := b.Lead.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var back pipedrive.AddLeadRequest
			if err := back.UnmarshalJSON(body); err != nil {
				t.Fatalf("the lead body does not decode: %v\n%s", err, body)
			}
		}
	})
}
