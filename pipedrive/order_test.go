package pipedrive

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
)

// topKeys returns the keys of a JSON object in the order they are written.
func topKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(data)))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && dec.More() {
				keys = append(keys, v)
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return keys
}

// TestCompanionKeysFollowTheirField checks that Pipedrive → Pipedrive
// writes each companion key (<key>_currency, <key>_until,
// <key>_formatted_address, …) right after its custom field or another
// companion of the same field, as Pipedrive writes them, with and without
// the account's deal fields.
func TestCompanionKeysFollowTheirField(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(corpus, "leads", "*.json"))
	if len(inputs) == 0 {
		t.Fatal("no inputs")
	}
	for _, tr := range []struct {
		name string
		tr   Translator
	}{{"raw", Translator{}}, {"account", accountTranslator(t, PlanPremium)}} {
		for _, p := range inputs {
			t.Run(tr.name+"/"+filepath.Base(p), func(t *testing.T) {
				in, err := DecodeLead(testkit.MustRead(t, p))
				if err != nil {
					t.Skip("not a valid lead:", err)
				}
				l, _, err := tr.tr.ToLead(in)
				if err != nil {
					t.Skip("rejected:", err)
				}
				obj, _, err := tr.tr.LeadObject(l)
				if err != nil {
					t.Fatal(err)
				}
				keys := topKeys(t, obj.AppendJSON(nil))
				for i, k := range keys {
					base, _, ok := companionOf(k)
					if !ok || !slices.Contains(keys, base) {
						continue
					}
					prev := keys[i-1]
					if pb, _, _ := companionOf(prev); prev != base && pb != base {
						t.Errorf("%s follows %s, not its field or the field's companions: %v", k, prev, keys)
					}
				}
			})
		}
	}
}
