package lead

import (
	"cmp"
	"slices"
)

// ChangeKind says what happened to a field in a translation.
type ChangeKind string

// The kinds of change a Report lists.
const (
	// Dropped: the field has no place in the target and was left out.
	Dropped ChangeKind = "dropped"
	// Derived: the field was computed from other data.
	Derived ChangeKind = "derived"
	// Changed: the value was truncated, rounded or normalised.
	Changed ChangeKind = "changed"
	// Defaulted: the target needed a value the source lacked, and a
	// configured default filled it.
	Defaulted ChangeKind = "defaulted"
	// Unverified: the value was carried as the source wrote it, but the
	// account list it should be checked against was not given or lacks it
	// (a currency code that is not ISO 4217, a Copper status name).
	Unverified ChangeKind = "unverified"
)

// A Change is one entry of a Report: what happened to the field at Path.
type Change struct {
	// Path is the field's JSON path in the document being read.
	Path string `json:"path"`
	// Kind is what happened.
	Kind ChangeKind `json:"kind"`
	// Reason explains why, in words that never quote the lead's data.
	Reason string `json:"reason"`
	// Detail may quote values ("2020-10-14T11:30:36.551Z became
	// 2020-10-14T11:30:36Z"); Redact removes it.
	Detail string `json:"detail,omitempty"`
	// Loss says, on a Dropped entry only, which kind of loss it is: the
	// target sets the field itself, the target has no place for it, or
	// the mapping did not cover it. Other kinds leave it empty.
	Loss LossKind `json:"loss,omitempty"`
}

// A LossKind tells the three kinds of dropped field apart. Only
// LossUnmapped is a loss the user can fix (by completing the mapping or
// the account exports); strict conversion rejects only that kind.
type LossKind string

// The kinds of loss.
const (
	// LossTargetSets: the target sets the field itself (ids, creation and
	// modification times, the creator) and takes no value for it.
	LossTargetSets LossKind = "target_sets"
	// LossNoPlace: the target has no place for the field (a Copper lead
	// has no visibility, a Pipedrive lead no status).
	LossNoPlace LossKind = "no_place"
	// LossUnmapped: the mapping (or an account export) did not cover the
	// value: an owner, label, tag, source, status, custom field, option,
	// person or default it does not list.
	LossUnmapped LossKind = "unmapped"
)

// Unmapped reports whether c is a dropped field that the mapping did not
// cover: a Dropped change of LossUnmapped, or of no loss kind at all, so
// that strict conversion never lets an unexplained loss pass.
func (c Change) Unmapped() bool {
	return c.Kind == Dropped && (c.Loss == LossUnmapped || c.Loss == "")
}

// A Report lists every field a translation dropped, derived, changed or
// defaulted, or carried unverified. A nil Report means the translation was
// exact.
type Report []Change

// Add appends a Change without detail.
func (r *Report) Add(path string, kind ChangeKind, reason string) {
	r.grow()
	*r = append(*r, Change{Path: path, Kind: kind, Reason: reason})
}

// AddDetail appends a Change with a detail that may quote values.
func (r *Report) AddDetail(path string, kind ChangeKind, reason, detail string) {
	r.grow()
	*r = append(*r, Change{Path: path, Kind: kind, Reason: reason, Detail: detail})
}

// Drop appends a Dropped change of the given loss kind, with a detail
// that may quote values (empty for none).
func (r *Report) Drop(path string, loss LossKind, reason, detail string) {
	r.grow()
	*r = append(*r, Change{Path: path, Kind: Dropped, Reason: reason, Detail: detail, Loss: loss})
}

// StrictErr returns an ErrorList with one error wrapping ErrUnmapped for
// every change of r that Unmapped reports ("owner_id: dropped: the owner
// has no Copper user in the mapping's users"), or nil when there is none:
// the rule of strict conversion, which rejects only what the mapping did
// not cover.
func (r Report) StrictErr() error {
	var errs ErrorList
	for _, c := range r {
		if c.Unmapped() {
			errs.Add(c.Path, "dropped: "+c.Reason, ErrUnmapped)
		}
	}
	return errs.Err()
}

// grow gives an empty report room for a typical translation's changes at
// once, rather than through a run of doublings.
func (r *Report) grow() {
	if cap(*r) == 0 {
		*r = make(Report, 0, 16)
	}
}

// Sort orders the report by path, then kind, keeping the order of equal
// entries, so reports compare and diff stably.
func (r Report) Sort() {
	if slices.IsSortedFunc(r, compareChanges) {
		return
	}
	// Sort indices, then move each Change into place by following the
	// permutation's cycles: moving 64-byte structs through an insertion
	// sort costs more than the comparisons, and this allocates nothing
	// for reports of up to 128 entries.
	var buf [128]int32
	idx := buf[:0]
	if len(r) > len(buf) {
		idx = make([]int32, 0, len(r))
	}
	for i := range r {
		idx = append(idx, int32(i))
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return compareChanges(r[a], r[b]) })
	// Position i must receive r[idx[i]].
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := r[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				r[j] = tmp
				break
			}
			r[j] = r[k]
			j = k
		}
	}
}

func compareChanges(a, b Change) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Kind, b.Kind))
}

// Redact returns a copy of r without details, for logs of personal data.
func (r Report) Redact() Report {
	if r == nil {
		return nil
	}
	out := make(Report, len(r))
	for i, c := range r {
		c.Detail = ""
		out[i] = c
	}
	return out
}

// Has reports whether r lists a change of kind k.
func (r Report) Has(k ChangeKind) bool {
	return slices.ContainsFunc(r, func(c Change) bool { return c.Kind == k })
}
