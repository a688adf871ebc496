package lead

import "encoding/json"

// Clone returns a deep copy of l: every pointer, slice, map and raw JSON
// value of the copy is its own, so changing the copy never changes l.
//
// A Lead holds pointers (Person, Value, Address, ...), slices and maps,
// and assigning a Lead copies only those references: after
//
//	after := before
//	after.Person.ID = "6"
//
// before.Person.ID is "6" too, and an update built from before and after
// finds nothing to change. Take the copy to edit with Clone:
//
//	after := before.Clone()
//
// Nil and empty stay apart: a nil slice or map is nil in the copy, an
// empty one is empty. Decimal amounts and times are immutable values and
// are copied as values.
func (l Lead) Clone() Lead {
	c := l
	c.IDs = cloneSlice(l.IDs)
	c.Emails = cloneSlice(l.Emails)
	c.Phones = cloneSlice(l.Phones)
	c.Socials = cloneSlice(l.Socials)
	c.Websites = cloneSlice(l.Websites)
	c.Address = clonePtr(l.Address)
	c.Person = clonePtr(l.Person)
	c.Organization = clonePtr(l.Organization)
	c.Owner = clonePtr(l.Owner)
	c.Creator = clonePtr(l.Creator)
	c.Value = clonePtr(l.Value)
	c.ExpectedCloseDate = clonePtr(l.ExpectedCloseDate)
	c.StatusRef = clonePtr(l.StatusRef)
	c.NextActivity = clonePtr(l.NextActivity)
	if l.Labels != nil {
		c.Labels = make([]Label, len(l.Labels))
		for i, lb := range l.Labels {
			lb.Ref = clonePtr(lb.Ref)
			c.Labels[i] = lb
		}
	}
	if l.Source != nil {
		s := *l.Source
		s.Channel = clonePtr(s.Channel)
		s.CustomerSource = clonePtr(s.CustomerSource)
		c.Source = &s
	}
	if l.CustomFields != nil {
		c.CustomFields = make([]CustomField, len(l.CustomFields))
		for i, f := range l.CustomFields {
			c.CustomFields[i] = cloneCustomField(f)
		}
	}
	if l.Vendor != nil {
		c.Vendor = make(map[string]VendorData, len(l.Vendor))
		for k, vd := range l.Vendor {
			c.Vendor[k] = cloneVendorData(vd)
		}
	}
	return c
}

// cloneCustomField returns a deep copy of f.
func cloneCustomField(f CustomField) CustomField {
	c := f
	c.Source = clonePtr(f.Source)
	c.Text = clonePtr(f.Text)
	c.Number = clonePtr(f.Number)
	c.Money = clonePtr(f.Money)
	c.Date = clonePtr(f.Date)
	c.Bool = clonePtr(f.Bool)
	c.Options = cloneSlice(f.Options)
	c.Ref = clonePtr(f.Ref)
	c.Raw = cloneSlice(f.Raw)
	return c
}

// cloneVendorData returns a deep copy of d.
func cloneVendorData(d VendorData) VendorData {
	return VendorData{
		Fields:    cloneRawMap(d.Fields),
		Absent:    cloneSlice(d.Absent),
		Null:      cloneSlice(d.Null),
		AsWritten: cloneRawMap(d.AsWritten),
	}
}

// clonePtr returns a pointer to a copy of *p, or nil. T holds no
// references of its own.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// cloneSlice returns a copy of s with its own array: nil for nil, empty
// for empty. T holds no references of its own.
func cloneSlice[S ~[]T, T any](s S) S {
	if s == nil {
		return nil
	}
	return append(make(S, 0, len(s)), s...)
}

func cloneRawMap(m map[string]json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	c := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		c[k] = cloneSlice(v)
	}
	return c
}
