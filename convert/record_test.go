package convert

import (
	"bufio"
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update
	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/internal/leadgen"
	"github.com/leadbridge/leadbridge/lead"
)

// sample is the converter set-up of the sample accounts.
func sample(t testing.TB) Converter {
	t.Helper()
	m, err := LoadMapping(filepath.Join(root, "mapping.json"))
	if err != nil {
		t.Fatal(err)
	}
	pd, err := LoadPipedriveAccount(filepath.Join(root, "pipedrive"))
	if err != nil {
		t.Fatal(err)
	}
	cp, err := LoadCopperAccount(filepath.Join(root, "copper"))
	if err != nil {
		t.Fatal(err)
	}
	dir, err := LoadDirectory(filepath.Join(root, "pipedrive"), filepath.Join(root, "copper"))
	if err != nil {
		t.Fatal(err)
	}
	return Converter{Mapping: m, Directory: dir, Pipedrive: pd, Copper: cp}
}

func generate(t testing.TB, vendor Format, n int, seed uint64) [][]byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if vendor == Pipedrive {
		err = leadgen.Pipedrive(&buf, n, leadgen.Options{Seed: seed})
	} else {
		err = leadgen.Copper(&buf, n, leadgen.Options{Seed: seed})
	}
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		recs = append(recs, bytes.Clone(sc.Bytes()))
	}
	return recs
}

// topKeys returns the keys of a JSON object whose values are not null,
// empty lists or empty strings.
func topKeys(t testing.TB, rec []byte) []string {
	t.Helper()
	var keys []string
	d := jsonwire.NewDecoder(rec)
	err := d.Object(func(key []byte) error {
		raw, err := d.Raw()
		if err != nil {
			return err
		}
		switch string(raw) {
		case "null", "[]", `""`, "false":
			return nil
		}
		keys = append(keys, string(key))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// carried lists, per direction, the source keys a conversion carries into
// the target without a report entry: everything else present in the input
// must appear in the report.
var carried = map[[2]Format]map[string]bool{
	{Pipedrive, Copper}: {"owner_id": true, "value": true, "label_ids": true, "title": true},
	{Copper, Pipedrive}: {"name": true, "assignee_id": true, "monetary_value": true, "monetary_unit": true,
		"tags": true, "email": true, "phone_numbers": true, "company_name": true, "status": true,
		"first_name": true, "last_name": true, "prefix": true, "middle_name": true, "suffix": true},
}

// TestEveryFieldAccounted: over generated leads of both vendors, every
// record is converted or rejected, and every field present in the input is
// either carried (a known direct mapping, or a mapped custom field) or named
// in the record's report.
func TestEveryFieldAccounted(t *testing.T) {
	c := sample(t)
	mappedCustom := map[string]bool{}
	for _, f := range c.Mapping.CustomFields {
		mappedCustom[f.Pipedrive] = true
	}
	for _, dir := range [][2]Format{{Pipedrive, Copper}, {Copper, Pipedrive}} {
		t.Run(string(dir[0])+"→"+string(dir[1]), func(t *testing.T) {
			conv, err := NewRecordConverter(dir[0], dir[1], c)
			if err != nil {
				t.Fatal(err)
			}
			recs := generate(t, dir[0], 400, 7)
			converted, rejected := 0, 0
			for i, rec := range recs {
				out, rep, err := conv.Convert(rec, nil)
				if err != nil {
					rejected++
					var list lead.ErrorList
					var fe *lead.FieldError
					if !errors.As(err, &list) && !errors.As(err, &fe) {
						t.Errorf("record %d: error names no field: %v", i, err)
					}
					continue
				}
				converted++
				if !jsonValid(out) {
					t.Errorf("record %d: output is not JSON: %s", i, out)
				}
				reported := map[string]bool{}
				for _, ch := range rep {
					top, _, _ := strings.Cut(ch.Path, ".")
					top, _, _ = strings.Cut(top, "[")
					reported[top] = true
				}
				for _, k := range topKeys(t, rec) {
					if carried[dir][k] || reported[k] || mappedCustom[k] || mappedCustom[strings.TrimSuffix(k, "_currency")] {
						continue
					}
					if dir[0] == Copper && k == "custom_fields" {
						continue // entries are checked per index by package convert's tests
					}
					t.Errorf("record %d: %s is neither carried nor reported; report: %v", i, k, rep)
				}
			}
			if converted+rejected != len(recs) || converted == 0 {
				t.Errorf("%d converted + %d rejected of %d records", converted, rejected, len(recs))
			}
		})
	}
}

func jsonValid(b []byte) bool {
	d := jsonwire.NewDecoder(b)
	if _, err := d.Raw(); err != nil {
		return false
	}
	return d.End() == nil
}

// TestHugeStrings: a 10 MB string converts in every format, exactly.
func TestHugeStrings(t *testing.T) {
	big := strings.Repeat("Ωmega \\\"x\\\" ", 10<<20/12)
	for _, tt := range []struct {
		f   Format
		rec string
	}{
		{Pipedrive, `{"id":"adf21080-0e10-11eb-879b-05d71fb426ec","title":"` + big + `","person_id":1,"label_ids":[]}`},
		{Copper, `{"id":1,"name":"` + big + `","details":"` + big + `"}`},
		{Canonical, `{"title":"` + big + `"}`},
	} {
		t.Run(string(tt.f), func(t *testing.T) {
			conv, err := NewRecordConverter(tt.f, tt.f, Converter{})
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := conv.Convert([]byte(tt.rec), nil)
			if err != nil {
				t.Fatal(err)
			}
			if eq, err := jsonwire.Equal(out, []byte(tt.rec)); err != nil || !eq {
				t.Errorf("a %d-byte record did not come back unchanged (%v)", len(tt.rec), err)
			}
		})
	}
}

// TestNew: New builds all nine pairs and rejects
// unknown formats.
func TestNew(t *testing.T) {
	for _, from := range Formats {
		for _, to := range Formats {
			if _, err := NewRecordConverter(from, to, Converter{}); err != nil {
				t.Errorf("New(%s→%s): %v", from, to, err)
			}
		}
	}
	if _, err := NewRecordConverter("hubspot", Copper, Converter{}); err == nil {
		t.Error("New accepted an unknown format")
	}
	if _, err := ParseFormat("Pipedrive"); err == nil {
		t.Error("ParseFormat is case-insensitive")
	}
}
