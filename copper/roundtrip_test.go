package copper

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// variants are replacement values the generator puts under a key.
var variants = map[string][]string{
	"name":           {`"Zoë \"Q\" O'Brien"`, `"\u00e9\ud83d\ude00"`, `""`, `"a\nb"`},
	"title":          {`"CEO"`, `""`},
	"details":        {`"x<y>&z"`, `""`, `"\u2028"`},
	"monetary_value": {`0`, `-0`, `1e3`, `1500.50`, `0.000001`, `12345678901234567890.5`, `1E-2`},
	"monetary_unit":  {`"EUR"`, `"JPY"`, `"USD"`},
	"status":         {`"New"`, `"Unqualified"`, `"Contacted"`, `"Qualified"`},
	"tags":           {`[]`, `["a","a"]`, `["\u00fc"]`},
	"phone_numbers":  {`[]`, `[{"number":"1","category":"fax"}]`, `[{"number":"2"}]`, `[{"number":"3","category":null,"ext":1}]`},
	"email":          {`{"email":"a@b.example"}`, `{"email":"a@b.example","category":"other","x":[]}`},
	"address":        {`{}`, `{"street":"","city":null}`, `{"country":"DE","geo":{"lat":1.0}}`},
	"custom_fields":  {`[]`, `[{"custom_field_definition_id":1,"value":{"a":1}}]`, `[{"custom_field_definition_id":2,"value":-0.0}]`},
	"date_created":   {`0`, `-1`, `253402300799`},
	"status_id":      {`1`, `0`},
	"zz_unknown":     {`{"a":[1,2,{"b":null}]}`, `"\u00e9"`, `1.0e+2`},
}

// generate writes n variations of the corpus: keys deleted, nulled or
// replaced, unknown keys added.
func generate(t *testing.T, n int, seed uint64) [][]byte {
	t.Helper()
	var bases []map[string]json.RawMessage
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range corpus(t) {
			if !yield(k) {
				return
			}
		}
	})
	all := corpus(t)
	for _, name := range names {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(all[name], &m); err != nil {
			t.Fatal(err)
		}
		bases = append(bases, m)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range variants {
			if !yield(k) {
				return
			}
		}
	})
	out := make([][]byte, 0, n)
	for i := range n {
		m := map[string]json.RawMessage{}
		for k, v := range bases[i%len(bases)] {
			m[k] = v
		}
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range m {
				if !yield(k) {
					return
				}
			}
		}) {
			switch r.IntN(6) {
			case 0:
				delete(m, k)
			case 1:
				m[k] = json.RawMessage(`null`)
			}
		}
		for range r.IntN(4) {
			k := keys[r.IntN(len(keys))]
			vs := variants[k]
			m[k] = json.RawMessage(vs[r.IntN(len(vs))])
		}
		if _, ok := m["name"]; !ok || r.IntN(2) == 0 {
			m["name"] = json.RawMessage(strconv.Quote("n" + strconv.Itoa(i)))
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestRoundTripGenerated: generated leads either fail with a FieldError or
// come back as the same JSON value.
func TestRoundTripGenerated(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	failed := 0
	for cfg, tr := range translators(t) {
		t.Run(cfg, func(t *testing.T) {
			ok := 0
			for _, doc := range generate(t, n, 1) {
				in, err := DecodeLead(doc)
				if err != nil {
					t.Fatalf("DecodeLead(%s): %v", doc, err)
				}
				out, _, err := roundTrip(tr, in)
				if err != nil {
					var fe *lead.FieldError
					if !errors.As(err, &fe) {
						t.Fatalf("error names no field: %v", err)
					}
					continue
				}
				ok++
				if !testkit.JSONEqual(doc, out) {
					failed++
					if failed < 5 {
						t.Errorf("round trip changed the lead:\n in: %s\nout: %s", doc, out)
					}
				}
			}
			if ok < n/2 {
				t.Errorf("only %d of %d generated leads translated", ok, n)
			}
		})
	}
}
