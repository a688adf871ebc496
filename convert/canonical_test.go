package convert

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
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

// sameNameCases holds, for each canonical key that names values of
// different JSON types at different positions, a lead that uses the key
// at each position correctly and one that gives it the other position's
// type. TestCanonicalSameNameKeys checks that every such key is here.
var sameNameCases = map[string][]struct {
	name, in, wantErr string
}{
	"number": {
		{"phone", `{"phone_numbers":[{"number":"+49 30 1234"}]}`, ""},
		{"phone as decimal", `{"phone_numbers":[{"number":1234}]}`, "phone_numbers[0].number: want string, got number"},
		{"custom", `{"title":"t","custom_fields":[{"key":"k","type":"number","number":12.50}]}`, ""},
		{"custom as string", `{"title":"t","custom_fields":[{"key":"k","type":"number","number":"12.50"}]}`, "custom_fields[0].number: want number, got string"},
	},
	"name": {
		{"lead", `{"name":{"full":"Anna"}}`, ""},
		{"lead as string", `{"name":"Anna"}`, "name: want object, got string"},
		{"custom", `{"title":"t","custom_fields":[{"key":"k","name":"Budget","type":"text","text":"x"}]}`, ""},
		{"custom as object", `{"title":"t","custom_fields":[{"key":"k","name":{"full":"x"},"type":"text","text":"x"}]}`, "custom_fields[0].name: want string, got object"},
		{"label", `{"title":"t","labels":[{"name":"hot"}]}`, ""},
		{"source", `{"title":"t","source":{"name":"API"}}`, ""},
		{"source as object", `{"title":"t","source":{"name":{"full":"x"}}}`, "source.name: want string, got object"},
	},
	"source": {
		{"lead", `{"title":"t","source":{"origin":"API"}}`, ""},
		{"lead with ref keys", `{"title":"t","source":{"system":"pipedrive","id":"1"}}`, "source.id: unknown key"},
		{"custom", `{"title":"t","custom_fields":[{"key":"k","type":"text","text":"x","source":{"system":"pipedrive","id":"abc"}}]}`, ""},
		{"custom with source keys", `{"title":"t","custom_fields":[{"key":"k","type":"text","text":"x","source":{"origin":"API"}}]}`, "custom_fields[0].source.origin: unknown key"},
	},
	"date": {
		{"custom", `{"title":"t","custom_fields":[{"key":"k","type":"date","date":"2024-02-29"}]}`, ""},
		{"custom not a day", `{"title":"t","custom_fields":[{"key":"k","type":"date","date":"2023-02-29"}]}`, "custom_fields[0].date: want a date that exists"},
	},
	"id": {
		{"ref", `{"title":"t","ids":[{"system":"copper","id":"123"}]}`, ""},
		{"ref as number", `{"title":"t","ids":[{"system":"copper","id":123}]}`, "ids[0].id: want string, got number"},
		{"option", `{"title":"t","custom_fields":[{"key":"k","type":"option","options":[{"id":"7","label":"A"}]}]}`, ""},
		{"option as number", `{"title":"t","custom_fields":[{"key":"k","type":"option","options":[{"id":7}]}]}`, "custom_fields[0].options[0].id: want string, got number"},
	},
	"amount": {
		{"value", `{"title":"t","value":{"amount":10.50,"currency":"EUR"}}`, ""},
		{"value as string", `{"title":"t","value":{"amount":"10.50","currency":"EUR"}}`, "value.amount: want number, got string"},
		{"custom money", `{"title":"t","custom_fields":[{"key":"k","type":"money","money":{"amount":1e400,"currency":"EUR"}}]}`, "custom_fields[0].money.amount: at most 32 integer digits"},
		{"value missing", `{"title":"t","value":{"currency":"EUR"}}`, "value.amount: required"},
	},
	"address": {
		{"lead", `{"title":"t","address":{"city":"Berlin"}}`, ""},
		{"lead as string", `{"title":"t","address":"Berlin"}`, "address: want object, got string"},
		{"email", `{"emails":[{"address":"anna@example.com"}]}`, ""},
		{"email as object", `{"emails":[{"address":{"city":"Berlin"}}]}`, "emails[0].address: want string, got object"},
	},
	"time": {
		{"custom", `{"title":"t","custom_fields":[{"key":"k","type":"datetime","time":"2020-10-14T11:30:36.551Z"}]}`, ""},
		{"custom not RFC 3339", `{"title":"t","custom_fields":[{"key":"k","type":"datetime","time":"2020-10-14 11:30"}]}`, "custom_fields[0].time: want an RFC 3339 date-time"},
	},
}

// TestDecodeCanonicalPositions: keys are checked by their position in
// the canonical structure, not by name.
func TestDecodeCanonicalPositions(t *testing.T) {
	for key, cases := range sameNameCases {
		for _, tt := range cases {
			t.Run(key+"/"+tt.name, func(t *testing.T) {
				_, err := DecodeCanonical([]byte(tt.in))
				if tt.wantErr == "" {
					if err != nil {
						t.Fatalf("DecodeCanonical(%s): %v", tt.in, err)
					}
					return
				}
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("DecodeCanonical(%s) = %v, want %q", tt.in, err, tt.wantErr)
				}
				var fe *lead.FieldError
				if !errors.As(err, &fe) {
					t.Fatalf("error is no FieldError: %v", err)
				}
			})
		}
	}
}

// TestDecodeCanonicalAllErrors: one broken value does not hide another.
func TestDecodeCanonicalAllErrors(t *testing.T) {
	_, err := DecodeCanonical([]byte(`{"title":1,"phone_numbers":[{"number":2}],"value":{"amount":"3"}}`))
	var list lead.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want an ErrorList", err)
	}
	var got []string
	for _, fe := range list {
		got = append(got, fe.Redacted())
	}
	want := []string{
		"phone_numbers[0].number: want string, got number",
		"title: want string, got number",
		"value.amount: want number, got string",
		"value.currency: required",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

// TestCanonicalSameNameKeys: every key that means values of different
// shapes at different positions (a string here, a decimal there; objects
// with different keys) has cases in sameNameCases, so a new field that
// reuses a name is tested at both places.
func TestCanonicalSameNameKeys(t *testing.T) {
	shapes := map[string]map[string]bool{} // key → signatures of its shapes
	seen := map[*shape]bool{}
	var walk func(s *shape)
	walk = func(s *shape) {
		if seen[s] {
			return
		}
		seen[s] = true
		for k, f := range s.fields {
			if shapes[k] == nil {
				shapes[k] = map[string]bool{}
			}
			shapes[k][signature(f, 0)] = true
			walk(f)
		}
		if s.elem != nil {
			walk(s.elem)
		}
	}
	walk(canonicalShape())
	var missing []string
	for k, sigs := range shapes {
		if _, ok := sameNameCases[k]; len(sigs) > 1 && !ok {
			missing = append(missing, k)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("keys with several shapes and no case in sameNameCases: %v", missing)
	}
	for _, k := range []string{"number", "name", "source", "address"} {
		if len(shapes[k]) < 2 {
			t.Errorf("key %s has shapes %v; want two", k, shapes[k])
		}
	}
}

// signature describes s: its kind and, for objects, its keys' shapes.
func signature(s *shape, depth int) string {
	if depth > 8 {
		return "…"
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(int(s.kind)))
	if s.elem != nil {
		b.WriteString("[" + signature(s.elem, depth+1) + "]")
	}
	if s.kind == shapeObject {
		b.WriteString("{")
		for _, k := range slices.Sorted(maps.Keys(s.fields)) {
			b.WriteString(k + ":" + signature(s.fields[k], depth+1) + ",")
		}
		b.WriteString("}")
	}
	return b.String()
}

// TestCanonicalFixturesReadBack: the fixture leads, every field set,
// read back equal.
func TestCanonicalFixturesReadBack(t *testing.T) {
	for name, l := range map[string]lead.Lead{"min": testkit.MinLead(), "full": testkit.FullLead()} {
		t.Run(name, func(t *testing.T) {
			b, err := appendCanonical(nil, l)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeCanonical(b)
			if err != nil {
				t.Fatalf("DecodeCanonical(%s): %v", b, err)
			}
			if diff := cmp.Diff(l, got, testkit.CmpOptions()...); diff != "" {
				t.Errorf("read back (-want +got):\n%s", diff)
			}
		})
	}
}

// corpusRecords returns every vendor input record under testdata/<vendor>:
// each non-golden .json file and each line of each .ndjson file.
func corpusRecords(t *testing.T, vendor string) (names []string, recs [][]byte) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(root, vendor), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasSuffix(path, ".golden.json") {
			return err
		}
		switch filepath.Ext(path) {
		case ".json":
			names = append(names, path)
			recs = append(recs, testkit.MustRead(t, path))
		case ".ndjson":
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<20)
			for n := 1; sc.Scan(); n++ {
				names = append(names, path+":"+strconv.Itoa(n))
				recs = append(recs, bytes.Clone(sc.Bytes()))
			}
			return sc.Err()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names, recs
}

// TestCanonicalReadsBack is the property behind leadconv's canonical
// format: whatever convert writes as canonical, from the sample corpus
// and from a few hundred generated leads per vendor, DecodeCanonical
// reads back equal and valid, and canonical → each vendor rejects it for
// no decoding reason (a wrong type, an unknown key, malformed JSON).
func TestCanonicalReadsBack(t *testing.T) {
	c := sample(t)
	toVendor := map[Format]*RecordConverter{}
	for _, to := range []Format{Pipedrive, Copper} {
		rc, err := NewRecordConverter(Canonical, to, c)
		if err != nil {
			t.Fatal(err)
		}
		toVendor[to] = rc
	}
	for _, from := range []Format{Pipedrive, Copper} {
		t.Run(string(from), func(t *testing.T) {
			rc, err := NewRecordConverter(from, Canonical, c)
			if err != nil {
				t.Fatal(err)
			}
			names, recs := corpusRecords(t, string(from))
			for i, rec := range generate(t, from, 300, 13) {
				names = append(names, "generated "+strconv.Itoa(i))
				recs = append(recs, rec)
			}
			converted := 0
			for i, rec := range recs {
				canon, _, err := rc.Convert(rec, nil)
				if err != nil {
					continue // not a valid lead of from: the vendor's tests cover it
				}
				converted++
				got, err := DecodeCanonical(canon)
				if err != nil {
					t.Errorf("%s: DecodeCanonical rejects what %s → canonical wrote:\n%v\n%s", names[i], from, err, canon)
					continue
				}
				var want lead.Lead
				if err := json.Unmarshal(canon, &want); err != nil {
					t.Fatalf("%s: encoding/json: %v", names[i], err)
				}
				if diff := cmp.Diff(want, got, testkit.CmpOptions()...); diff != "" {
					t.Errorf("%s: DecodeCanonical mismatch (-encoding/json +got):\n%s", names[i], diff)
				}
				for _, to := range slices.Sorted(maps.Keys(toVendor)) {
					_, _, err := toVendor[to].Convert(canon, nil)
					if isDecodeError(err) {
						t.Errorf("%s: canonical → %s: decoding error:\n%v\n%s", names[i], to, err, canon)
					}
				}
			}
			t.Logf("%d of %d records converted", converted, len(recs))
			if converted < 300 {
				t.Errorf("only %d of %d records converted to canonical; want the corpus and the generated leads", converted, len(recs))
			}
		})
	}
}

// isDecodeError reports whether err says the input could not be read:
// malformed JSON, a wrong JSON type or an unknown key.
func isDecodeError(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, lead.ErrType) || errors.Is(err, lead.ErrMalformed) {
		return true
	}
	var list lead.ErrorList
	if errors.As(err, &list) {
		for _, fe := range list {
			if strings.HasPrefix(fe.Rule, "unknown key") {
				return true
			}
		}
	}
	var fe *lead.FieldError
	return errors.As(err, &fe) && strings.HasPrefix(fe.Rule, "unknown key")
}
