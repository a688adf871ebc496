package pipedrive

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

const corpus = "../testdata/pipedrive"

// goldenCase is what a golden file holds: the result, the report and the
// error lines.
type goldenCase struct {
	Lead    any         `json:"lead,omitempty"`
	Report  lead.Report `json:"report,omitempty"`
	Errors  []string    `json:"errors,omitempty"`
	Request any         `json:"request,omitempty"`
}

// corpusLeads returns the sample leads by case name.
func corpusLeads(t testing.TB) (names []string, data [][]byte) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus, "leads", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample leads under %s/leads", corpus)
	}
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".json"))
		data = append(data, testkit.MustRead(t, f))
	}
	return names, data
}

// accountTranslator returns a Translator loaded with the sample account's
// deal fields, lead labels and currencies.
func accountTranslator(t testing.TB, p Plan) Translator {
	t.Helper()
	defs, err := DecodeDealFields(testkit.MustRead(t, filepath.Join(corpus, "dealFields.json")))
	if err != nil {
		t.Fatal(err)
	}
	labels, err := DecodeLeadLabels(testkit.MustRead(t, filepath.Join(corpus, "leadLabels.json")))
	if err != nil {
		t.Fatal(err)
	}
	currencies, err := DecodeCurrencies(testkit.MustRead(t, filepath.Join(corpus, "currencies.json")))
	if err != nil {
		t.Fatal(err)
	}
	return Translator{Plan: p, Fields: NewFieldMap(defs), Labels: NewLabelMap(labels), Currencies: NewCurrencyMap(currencies)}
}

// translators are the configurations every corpus case runs under.
func translators(t testing.TB) []struct {
	name string
	tr   Translator
} {
	return []struct {
		name string
		tr   Translator
	}{
		{"zero", Translator{}},
		{"essential", accountTranslator(t, PlanEssential)},
		{"premium", accountTranslator(t, PlanPremium)},
	}
}

func mustDecode(t testing.TB, data []byte) Lead {
	t.Helper()
	l, err := DecodeLead(data)
	if err != nil {
		t.Fatalf("DecodeLead: %v", err)
	}
	return l
}
