package connect

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leadbridge/leadbridge/convert"
	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update, as in every test package
	"github.com/leadbridge/leadbridge/lead"
)

// TestReportChangeFields fails when lead.Change gains, loses or renames
// a field: appendReport writes its fields by hand and must follow.
func TestReportChangeFields(t *testing.T) {
	var got []string
	ct := reflect.TypeFor[lead.Change]()
	for i := range ct.NumField() {
		got = append(got, ct.Field(i).Name+" "+ct.Field(i).Tag.Get("json"))
	}
	want := []string{"Path path", "Kind kind", "Reason reason", "Detail detail,omitempty", "Loss loss,omitempty"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lead.Change's fields changed: update appendReport (-known +now):\n%s", diff)
	}
}

// TestAppendReport checks appendReport against encoding/json (HTML
// escaping off) on the reports of the bundled samples in every
// direction, and on strings that need escaping.
func TestAppendReport(t *testing.T) {
	reports := []lead.Report{nil, {}}
	for _, tc := range []struct {
		file     string
		from, to convert.Format
	}{
		{"../testdata/pipedrive/leads.ndjson", convert.Pipedrive, convert.Copper},
		{"../testdata/pipedrive/leads.ndjson", convert.Pipedrive, convert.Canonical},
		{"../testdata/copper/leads.ndjson", convert.Copper, convert.Pipedrive},
		{"../testdata/copper/leads.ndjson", convert.Copper, convert.Canonical},
	} {
		s := settings{from: string(tc.from), to: string(tc.to), mapping: "../testdata/mapping.json",
			pipedriveAccount: "../testdata/pipedrive", copperAccount: "../testdata/copper"}
		rc, err := s.converter()
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			if _, rep, err := rc.Convert(sc.Bytes(), nil); err == nil {
				reports = append(reports, rep)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	odd := "a\"b\\c\n\r\t\b\f\x00\x1f\x7f<>&\u2028\u2029\xff\xc3é😀\xed\xa0\x80"
	reports = append(reports, lead.Report{
		{Path: odd, Kind: lead.ChangeKind(odd), Reason: odd, Detail: odd},
		{Path: "", Kind: "", Reason: ""},
	})
	details := 0
	for i, rep := range reports {
		want := bytes.Buffer{}
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		v := rep
		if v == nil {
			v = lead.Report{}
		}
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		got := appendReport([]byte("prefix"), rep)
		if diff := cmp.Diff("prefix"+string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))), string(got)); diff != "" {
			t.Errorf("report %d mismatch (-encoding/json +appendReport):\n%s", i, diff)
		}
		for _, c := range rep {
			if c.Detail != "" {
				details++
			}
		}
	}
	if len(reports) < 100 || details == 0 {
		t.Fatalf("%d reports, %d details: the samples give too little to compare", len(reports), details)
	}
}
