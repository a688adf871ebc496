package pipedrive

import "encoding/json"

// Patch is a field that may be absent, null or a value. It is the shape
// of every nullable field of a PATCH /v1/leads/{id} body (Pipedrive API reference, updateLead: "Send
// null to unset a property") and, in [Lead], records how the response
// wrote each field. The zero Patch is absent; with the `omitzero` option
// encoding/json leaves it out.
type Patch[T any] struct {
	state uint8 // 0 absent, 1 null, 2 set
	v     T
}

// Set returns a Patch holding v.
func Set[T any](v T) Patch[T] { return Patch[T]{state: 2, v: v} }

// Null returns a Patch that is null.
func Null[T any]() Patch[T] { return Patch[T]{state: 1} }

// IsZero reports whether p is absent, so `omitzero` leaves it out.
func (p Patch[T]) IsZero() bool { return p.state == 0 }

// IsNull reports whether p is null.
func (p Patch[T]) IsNull() bool { return p.state == 1 }

// IsSet reports whether p holds a value.
func (p Patch[T]) IsSet() bool { return p.state == 2 }

// Get returns the value and whether p holds one.
func (p Patch[T]) Get() (T, bool) { return p.v, p.state == 2 }

// MarshalJSON encodes the value, or null when p is absent or null.
func (p Patch[T]) MarshalJSON() ([]byte, error) {
	if p.state != 2 {
		return []byte("null"), nil
	}
	return json.Marshal(p.v)
}

// UnmarshalJSON decodes null or a value.
func (p *Patch[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*p = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Set(v)
	return nil
}
