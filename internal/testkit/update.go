package testkit

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/lead"
)

// What the update fuzz targets share: comparing the lead an update body
// produced with the lead it was meant to produce, field by field, except
// where the update's report says a field could not be carried.

// DiffModuloReport compares two canonical leads as JSON values, without
// their vendor data (the spelling a response used, which a request body
// cannot carry), without custom fields that hold no value (absent and null
// are the same unset field), and without the fields rep names, taken out of
// both: for a path ending in an index ("labels[2]") the whole list. It
// returns "" when they agree, else a go-cmp diff (-want +got).
func DiffModuloReport(want, got lead.Lead, rep lead.Report) string {
	want.Vendor, got.Vendor = nil, nil
	want.CustomFields, got.CustomFields = setFields(want.CustomFields), setFields(got.CustomFields)
	w, g := jsonValue(want), jsonValue(got)
	for _, c := range rep {
		segs := splitPath(c.Path)
		for len(segs) > 0 {
			if _, ok := segs[len(segs)-1].(int); !ok {
				break
			}
			segs = segs[:len(segs)-1]
		}
		w, g = removeAt(w, segs), removeAt(g, segs)
	}
	// What is left of an object whose members were all taken out is empty.
	return cmp.Diff(normalize(w), normalize(g), cmp.Comparer(sameNumber))
}

// setFields returns the fields of fs that hold a value, by key: an update
// cannot change the order in which the vendor lists the fields.
func setFields(fs []lead.CustomField) []lead.CustomField {
	var out []lead.CustomField
	for _, f := range fs {
		if f.IsSet() && (f.Type != lead.FieldRaw || string(f.Raw) != "null") {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b lead.CustomField) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// SameValue reports whether two JSON values hold the same data as a vendor
// stores it: numbers compare as decimals (1e3 is 1000, 1.50 is 1.5), and
// absent (nil), null, "", [] and {} and objects whose members are all empty
// are the same empty value, inside objects and arrays too.
func SameValue(a, b []byte) bool {
	return cmp.Equal(normalValue(a), normalValue(b), cmp.Comparer(sameNumber))
}

func normalValue(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	v, err := decodeAny(b)
	if err != nil {
		return string(b)
	}
	return normalize(v)
}

// normalize maps every empty value to nil.
func normalize(v any) any {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
	case []any:
		if len(v) == 0 {
			return nil
		}
		for i := range v {
			v[i] = normalize(v[i])
		}
	case map[string]any:
		for k, e := range v {
			if e = normalize(e); e == nil {
				delete(v, k)
			} else {
				v[k] = e
			}
		}
		if len(v) == 0 {
			return nil
		}
	}
	return v
}

func sameNumber(a, b json.Number) bool {
	x, errX := decimal.NewFromString(string(a))
	y, errY := decimal.NewFromString(string(b))
	if errX != nil || errY != nil {
		return a == b
	}
	return x.Equal(y)
}

// jsonValue is l's canonical JSON decoded with numbers kept exact.
func jsonValue(l lead.Lead) any {
	b, err := json.Marshal(l)
	if err != nil {
		return err.Error()
	}
	v, err := decodeAny(b)
	if err != nil {
		return err.Error()
	}
	return v
}

// splitPath splits "a.b[2].c" into "a", "b", 2, "c".
func splitPath(p string) []any {
	var out []any
	for p != "" {
		switch {
		case p[0] == '.':
			p = p[1:]
		case p[0] == '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return out
			}
			n, err := strconv.Atoi(p[1:end])
			if err != nil {
				return out
			}
			out = append(out, n)
			p = p[end+1:]
		default:
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			out = append(out, p[:end])
			p = p[end:]
		}
	}
	return out
}

// removeAt returns v without the member or element at segs.
func removeAt(v any, segs []any) any {
	if len(segs) == 0 {
		return v
	}
	switch s := segs[0].(type) {
	case string:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		if len(segs) == 1 {
			delete(m, s)
		} else if e, ok := m[s]; ok {
			m[s] = removeAt(e, segs[1:])
		}
		return m
	case int:
		a, ok := v.([]any)
		if !ok || s >= len(a) || len(segs) == 1 {
			return v
		}
		a[s] = removeAt(a[s], segs[1:])
		return a
	}
	return v
}

// MustJSONObject decodes a JSON object into its members, or panics: the
// update targets call it on objects the library wrote.
func MustJSONObject(b []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&m); err != nil {
		panic("testkit: not a JSON object: " + err.Error())
	}
	return m
}
