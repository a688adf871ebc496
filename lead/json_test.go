package lead_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func fixtures() map[string]lead.Lead {
	unset := testkit.FullLead()
	for i := range unset.CustomFields {
		f := &unset.CustomFields[i]
		*f = lead.CustomField{Key: f.Key, Name: f.Name, Type: f.Type, Source: f.Source}
	}
	return map[string]lead.Lead{
		"min":           testkit.MinLead(),
		"full":          testkit.FullLead(),
		"unset_customs": unset,
	}
}

// TestJSONGolden pins the canonical JSON encoding.
func TestJSONGolden(t *testing.T) {
	for name, l := range fixtures() {
		t.Run(name, func(t *testing.T) {
			golden.CheckJSON(t, "testdata/canonical/"+name+".golden.json", l)
		})
	}
}

// TestJSONRoundTrip: Marshal then Unmarshal gives back an equal Lead, and
// marshalling again gives the same bytes.
func TestJSONRoundTrip(t *testing.T) {
	for name, want := range fixtures() {
		t.Run(name, func(t *testing.T) {
			b1, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			var got lead.Lead
			if err := json.Unmarshal(b1, &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", b1, err)
			}
			if diff := cmp.Diff(want, got, testkit.CmpOptions()...); diff != "" {
				t.Errorf("round trip changed the lead (-want +got):\n%s", diff)
			}
			b2, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b1, b2) {
				t.Errorf("second marshal differs:\n%s", cmp.Diff(string(b1), string(b2)))
			}
		})
	}
}

func TestMoneyKeepsScale(t *testing.T) {
	for _, amount := range []string{"1500.50", "0.10", "7", "-3.000", "123456789012345678901234567890.12"} {
		t.Run(amount, func(t *testing.T) {
			in := `{"amount":` + amount + `,"currency":"EUR"}`
			var m lead.Money
			if err := json.Unmarshal([]byte(in), &m); err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != in {
				t.Errorf("Marshal(Unmarshal(%s)) = %s", in, out)
			}
		})
	}
}

func TestMoneyUnmarshalErrors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`{"currency":"EUR"}`, []string{"amount: required"}},
		{`{"amount":null,"currency":"EUR"}`, []string{"amount: required"}},
		{`{"amount":1}`, []string{"currency: required"}},
		{`{"amount":"1.5","currency":"EUR"}`, []string{"amount: want a JSON number: wrong JSON type"}},
		{`{"amount":1e400,"currency":"EUR"}`, []string{"amount: at most 32 integer digits: invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var m lead.Money
			err := json.Unmarshal([]byte(tt.in), &m)
			if diff := cmp.Diff(tt.want, testkit.ErrorLines(err)); diff != "" {
				t.Errorf("Unmarshal(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in    string
		want  string // FormatDecimal of the result; "" when an error is wanted
		cause error
	}{
		{"1500.50", "1500.50", nil},
		{"-0", "0", nil},
		{"-0.00", "0.00", nil},
		{"1e3", "1000", nil},
		{"1.5E-2", "0.015", nil},
		{"123456789012345678901234567890", "123456789012345678901234567890", nil},
		{"0.12345678901234567890123456789012", "0.12345678901234567890123456789012", nil},
		{"0.123456789012345678901234567890123", "", lead.ErrInvalid},
		{"1e400", "", lead.ErrInvalid},
		{"1e-400", "", lead.ErrInvalid},
		{"NaN", "", lead.ErrType},
		{"Infinity", "", lead.ErrType},
		{"+1", "", lead.ErrType},
		{"01", "", lead.ErrType},
		{"1.", "", lead.ErrType},
		{".5", "", lead.ErrType},
		{`"1"`, "", lead.ErrType},
		{"", "", lead.ErrType},
		{"1e", "", lead.ErrType},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := lead.ParseDecimal(tt.in)
			if tt.cause != nil {
				if !errors.Is(err, tt.cause) {
					t.Fatalf("ParseDecimal(%q) error = %v, want %v", tt.in, err, tt.cause)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDecimal(%q): %v", tt.in, err)
			}
			if got := lead.FormatDecimal(d); got != tt.want {
				t.Errorf("FormatDecimal(ParseDecimal(%q)) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want lead.Date
		ok   bool
	}{
		{"2027-03-31", lead.Date{Year: 2027, Month: time.March, Day: 31}, true},
		{"2024-02-29", lead.Date{Year: 2024, Month: time.February, Day: 29}, true},
		{"0001-01-01", lead.Date{Year: 1, Month: 1, Day: 1}, true},
		{"9999-12-31", lead.Date{Year: 9999, Month: 12, Day: 31}, true},
		{"2023-02-29", lead.Date{}, false},
		{"0000-01-01", lead.Date{}, false},
		{"2027-13-01", lead.Date{}, false},
		{"2027-3-31", lead.Date{}, false},
		{"2027-03-31T00:00:00Z", lead.Date{}, false},
		{"+202-03-31", lead.Date{}, false},
		{"10000-01-01", lead.Date{}, false},
		{"", lead.Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := lead.ParseDate(tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("ParseDate(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if tt.ok && got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestOptional(t *testing.T) {
	type doc struct {
		A lead.Optional[bool]  `json:"a,omitzero"`
		B lead.Optional[int64] `json:"b,omitzero"`
	}
	tests := []struct {
		v    doc
		json string
	}{
		{doc{}, `{}`},
		{doc{A: lead.Some(false), B: lead.Some[int64](0)}, `{"a":false,"b":0}`},
		{doc{A: lead.Some(true)}, `{"a":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil || string(b) != tt.json {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tt.json)
			}
			var back doc
			if err := json.Unmarshal(b, &back); err != nil || back != tt.v {
				t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", b, back, err, tt.v)
			}
		})
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"a":null}`), &d); err != nil || d.A.Set {
		t.Errorf("null must decode to absent: %+v %v", d, err)
	}
}

func TestNormalizeRaw(t *testing.T) {
	tests := map[string]string{
		`{ "a" : [1, 2.50] }`: `{"a":[1,2.50]}`,
		`"<b>&"`:              `"\u003cb\u003e\u0026"`,
		`null`:                `null`,
	}
	for in, want := range tests {
		if got := string(lead.NormalizeRaw([]byte(in))); got != want {
			t.Errorf("NormalizeRaw(%s) = %s, want %s", in, got, want)
		}
	}
	// A normalized raw value survives Marshal/Unmarshal byte for byte.
	l := lead.Lead{Title: "t", CustomFields: []lead.CustomField{{Key: "k", Type: lead.FieldRaw, Raw: lead.NormalizeRaw([]byte(`"<x>"`))}}}
	b, _ := json.Marshal(l)
	var back lead.Lead
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.CustomFields[0].Raw, l.CustomFields[0].Raw) {
		t.Errorf("raw changed: %s -> %s", l.CustomFields[0].Raw, back.CustomFields[0].Raw)
	}
}

func TestReport(t *testing.T) {
	var r lead.Report
	r.AddDetail("value", lead.Changed, "rounded", "1.005 became 1.01")
	r.Add("add_time", lead.Changed, "milliseconds dropped")
	r.Add("add_time", lead.Dropped, "no place in the target")
	r.Sort()
	want := lead.Report{
		{Path: "add_time", Kind: lead.Changed, Reason: "milliseconds dropped"},
		{Path: "add_time", Kind: lead.Dropped, Reason: "no place in the target"},
		{Path: "value", Kind: lead.Changed, Reason: "rounded", Detail: "1.005 became 1.01"},
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("Sort mismatch (-want +got):\n%s", diff)
	}
	if r.Redact()[2].Detail != "" || r[2].Detail == "" {
		t.Error("Redact must clear details of the copy only")
	}
	if !r.Has(lead.Dropped) || r.Has(lead.Defaulted) {
		t.Error("Has is wrong")
	}
	_ = decimal.Zero
}

// TestReportSortPermutations sorts reports in many orders, with equal
// entries whose original order must be kept, and compares with a plain
// stable sort.
func TestReportSortPermutations(t *testing.T) {
	paths := []string{"a", "b", "c", "a.b", "[0]", "z"}
	kinds := []lead.ChangeKind{lead.Dropped, lead.Changed, lead.Derived}
	for seed := 0; seed < 300; seed++ {
		n := seed % 150
		r := make(lead.Report, n)
		for i := range r {
			x := (seed*7919 + i*104729) % 97
			r[i] = lead.Change{Path: paths[x%len(paths)], Kind: kinds[x%len(kinds)], Reason: fmt.Sprint(i)}
		}
		want := slices.Clone(r)
		slices.SortStableFunc(want, func(a, b lead.Change) int {
			if c := strings.Compare(a.Path, b.Path); c != 0 {
				return c
			}
			return strings.Compare(string(a.Kind), string(b.Kind))
		})
		r.Sort()
		if diff := cmp.Diff(want, r); diff != "" {
			t.Fatalf("seed %d: Sort mismatch (-want +got):\n%s", seed, diff)
		}
	}
}

// TestMoneyCustomCurrencyJSON: the custom-currency flag is written only
// when set and reads back, so canonical output in an account's own
// currency is valid canonical input.
func TestMoneyCustomCurrencyJSON(t *testing.T) {
	for _, tt := range []struct {
		m    lead.Money
		want string
	}{
		{lead.Money{Amount: decimal.RequireFromString("0.01250000"), Currency: "BTC", CustomCurrency: true}, `{"amount":0.01250000,"currency":"BTC","custom_currency":true}`},
		{lead.Money{Amount: decimal.RequireFromString("1.50"), Currency: "EUR"}, `{"amount":1.50,"currency":"EUR"}`},
	} {
		b, err := json.Marshal(tt.m)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.m, b, err, tt.want)
		}
		var back lead.Money
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.m, back, testkit.CmpOptions()...); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
		if err := (lead.Lead{Title: "t", Value: &back}).Validate(); err != nil {
			t.Errorf("Validate: %v", err)
		}
	}
}
