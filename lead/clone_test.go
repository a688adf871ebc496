package lead_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

var (
	decimalType = reflect.TypeFor[decimal.Decimal]()
	timeType    = reflect.TypeFor[time.Time]()
)

// fill sets every field reachable from v, which must be settable, to a
// value that is not zero: pointers point at filled values, slices hold
// one filled element and maps one filled entry. Decimals and times are
// immutable values and are set whole.
func fill(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Type() {
	case decimalType:
		v.Set(reflect.ValueOf(decimal.RequireFromString("1.50")))
		return
	case timeType:
		v.Set(reflect.ValueOf(time.Date(2020, 10, 14, 11, 30, 36, 0, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(t, v.Index(0))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k := reflect.New(v.Type().Key()).Elem()
		fill(t, k)
		e := reflect.New(v.Type().Elem()).Elem()
		fill(t, e)
		v.SetMapIndex(k, e)
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				t.Fatalf("%s has an unexported field %s: fill and mutate cannot reach it", v.Type(), v.Type().Field(i).Name)
			}
			fill(t, v.Field(i))
		}
	case reflect.String:
		v.SetString("a")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	default:
		t.Fatalf("fill: no rule for %s", v.Type())
	}
}

// mutate changes, in place, every value reachable from v: through
// pointers, in the elements of slices (their shared arrays included) and
// in the values of maps. It returns how many leaves it changed.
func mutate(t *testing.T, v reflect.Value) int {
	t.Helper()
	switch v.Type() {
	case decimalType:
		v.Set(reflect.ValueOf(v.Interface().(decimal.Decimal).Add(decimal.New(1, 0))))
		return 1
	case timeType:
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour)))
		return 1
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return 0
		}
		return mutate(t, v.Elem())
	case reflect.Slice:
		n := 0
		for i := range v.Len() {
			n += mutate(t, v.Index(i))
		}
		return n
	case reflect.Map:
		n := 0
		for _, k := range v.MapKeys() {
			// A map value is not addressable: change a copy, whose
			// pointers, slices and maps still lead to the shared memory
			// if there is any, and store it back.
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			n += mutate(t, e)
			v.SetMapIndex(k, e)
		}
		return n
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			n += mutate(t, v.Field(i))
		}
		return n
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	default:
		t.Fatalf("mutate: no rule for %s", v.Type())
	}
	return 1
}

// TestCloneIsDeep fills every field of a Lead, found by reflection so a
// new field is covered without a change here, changes every field of the
// clone in place and checks that the original is unchanged.
func TestCloneIsDeep(t *testing.T) {
	var orig, want lead.Lead
	fill(t, reflect.ValueOf(&orig).Elem())
	fill(t, reflect.ValueOf(&want).Elem())
	c := orig.Clone()
	if diff := cmp.Diff(want, c, testkit.CmpOptions()...); diff != "" {
		t.Fatalf("Clone differs from the original (-want +got):\n%s", diff)
	}
	if n := mutate(t, reflect.ValueOf(&c).Elem()); n < 60 {
		t.Fatalf("mutate changed %d leaves; the filled Lead has more", n)
	}
	if diff := cmp.Diff(want, orig, testkit.CmpOptions()...); diff != "" {
		t.Errorf("changing the clone changed the original (-want +got):\n%s", diff)
	}
	if cmp.Equal(want, c, testkit.CmpOptions()...) {
		t.Error("mutate left the clone unchanged")
	}
}

// TestCloneKeepsNilAndEmpty: a nil slice or map stays nil and an empty
// one empty, so IsSet and the JSON encoding see the same lead.
func TestCloneKeepsNilAndEmpty(t *testing.T) {
	l := testkit.FullLead()
	l.Phones = []lead.Phone{}
	l.Emails = nil
	l.CustomFields = append(l.CustomFields, lead.CustomField{Key: "none", Type: lead.FieldOptions, Options: []lead.Option{}})
	l.Vendor = map[string]lead.VendorData{"x": {Absent: []string{}}}
	c := l.Clone()
	if c.Phones == nil || c.Emails != nil || c.CustomFields[len(c.CustomFields)-1].Options == nil || c.Vendor["x"].Absent == nil {
		t.Errorf("Clone changed nil or empty: phones %#v, emails %#v, options %#v, absent %#v",
			c.Phones, c.Emails, c.CustomFields[len(c.CustomFields)-1].Options, c.Vendor["x"].Absent)
	}
	if diff := cmp.Diff(l, c, testkit.CmpOptions()...); diff != "" {
		t.Errorf("Clone(FullLead) mismatch (-want +got):\n%s", diff)
	}
}
