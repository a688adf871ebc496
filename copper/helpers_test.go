package copper

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// corpus returns the sample leads: the shared corpus and this package's own.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pat := range []string{"../testdata/copper/leads/*.json", "testdata/leads/*.json"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".json")
			if strings.HasPrefix(f, "testdata/") {
				name = "local_" + name
			}
			out[name] = testkit.MustRead(t, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no sample leads")
	}
	return out
}

// account is a Translator with the sample account's definitions, statuses
// and time zone (America/Los_Angeles).
func account(t testing.TB) Translator {
	t.Helper()
	var tr Translator
	var err error
	if tr.Definitions, err = DecodeCustomFieldDefinitions(testkit.MustRead(t, "../testdata/copper/custom_field_definitions.json")); err != nil {
		t.Fatal(err)
	}
	if tr.Statuses, err = DecodeLeadStatuses(testkit.MustRead(t, "../testdata/copper/lead_statuses.json")); err != nil {
		t.Fatal(err)
	}
	a, err := DecodeAccount(testkit.MustRead(t, "../testdata/copper/account.json"))
	if err != nil {
		t.Fatal(err)
	}
	if tr.Location, err = a.Location(); err != nil || tr.Location == nil {
		t.Fatalf("account time zone: %v, %v", tr.Location, err)
	}
	return tr
}

// translators are the configurations the corpus tests run with.
func translators(t testing.TB) map[string]Translator {
	return map[string]Translator{"plain": {}, "account": account(t)}
}

// goldenCase is what a golden file holds.
type goldenCase struct {
	Lead    *lead.Lead      `json:"lead,omitempty"`
	Request json.RawMessage `json:"request,omitempty"`
	Report  lead.Report     `json:"report"`
	Errors  []string        `json:"errors"`
}

// roundTrip runs ToLead, LeadObject and AppendJSON.
func roundTrip(tr Translator, in Lead) ([]byte, lead.Lead, error) {
	l, _, err := tr.ToLead(in)
	if err != nil {
		return nil, l, err
	}
	w, _, err := tr.LeadObject(l)
	if err != nil {
		return nil, l, err
	}
	return w.AppendJSON(nil), l, nil
}
