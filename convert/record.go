// The per-record conversion: one input record of one lead shape into one
// output record of another. The pairs:
//
//	pipedrive → pipedrive   the lead object back (identity through lead.Lead)
//	copper    → copper      the lead object back (identity through lead.Lead)
//	canonical → canonical   the canonical JSON, validated
//	pipedrive → canonical   ToLead
//	copper    → canonical   ToLead
//	canonical → pipedrive   the route the lead came from (see below)
//	canonical → copper      the route the lead came from (see below)
//	pipedrive → copper      PipedriveToCopper: the POST /leads body
//	copper    → pipedrive   CopperToPipedrive: a Bundle
//
// A canonical lead is converted as its own route would convert it, so that
// vendor → canonical → vendor gives the output of vendor → vendor: a lead
// from the other vendor (its ids, refs, custom fields or vendor data name
// that system) is remapped by the mapping and the directory exactly as the
// direct route does, and its report names paths as the direct route's
// does; a lead read from the target (it carries the target's vendor data
// or lead id) comes out as the identity writes it, the lead object; any
// other lead is the target's create body.
package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// A Format names a lead shape.
type Format string

// The formats.
const (
	Canonical Format = "canonical" // package lead's JSON
	Pipedrive Format = "pipedrive" // a Pipedrive lead, as GET /v1/leads/{id} returns its data
	Copper    Format = "copper"    // a Copper lead, as GET /leads/{id} returns it
)

// Formats lists the formats.
var Formats = []Format{Canonical, Pipedrive, Copper}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want canonical, pipedrive or copper)", s)
}

// A RecordConverter turns the bytes of one input record of one format
// into one output record of another: the per-record conversion behind
// leadconv, leadtest and the stream processor. Build it once with
// [NewRecordConverter]; it is safe for concurrent use by any number of
// goroutines.
type RecordConverter struct {
	from, to Format
	conv     recordConverter
}

// recordConverter is one pair's conversion.
type recordConverter interface {
	Convert(rec, out []byte) ([]byte, lead.Report, error)
}

// From and To return the formats rc converts between.
func (rc *RecordConverter) From() Format { return rc.from }

// To returns the format rc writes.
func (rc *RecordConverter) To() Format { return rc.to }

// Convert appends the converted record to out, as one line of compact JSON
// without a newline, and returns the extended slice with the Report of
// every field the conversion dropped, derived, changed or defaulted. A
// non-nil error rejects the record: a lead.ErrorList or *lead.FieldError
// naming paths in the input record; out is then returned unchanged.
func (rc *RecordConverter) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	return rc.conv.Convert(rec, out)
}

// NewRecordConverter returns the RecordConverter for from → to with the
// account set-up c (a mapping, a directory and the two accounts'
// translators; the zero Converter works). Build c from values, or from
// files and folders with [Setup.Converter].
func NewRecordConverter(from, to Format, c Converter) (*RecordConverter, error) {
	conv, err := newRecordConverter(from, to, c)
	if err != nil {
		return nil, err
	}
	if c.strict() {
		conv = strictConverter{conv}
	}
	return &RecordConverter{from: from, to: to, conv: conv}, nil
}

// strictConverter rejects, for every pair, a record whose report lists a
// loss the mapping did not cover (lead.LossUnmapped), as Converter.Strict
// says.
type strictConverter struct{ recordConverter }

func (s strictConverter) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	res, rep, err := s.recordConverter.Convert(rec, out)
	if err == nil {
		if err = rep.StrictErr(); err != nil {
			return out, nil, err
		}
	}
	return res, rep, err
}

// newRecordConverter returns the conversion for from → to.
func newRecordConverter(from, to Format, c Converter) (recordConverter, error) {
	pd, cp := c.PipedriveTranslator(), c.CopperTranslator()
	switch [2]Format{from, to} {
	case [2]Format{Pipedrive, Pipedrive}:
		return chain(pipedrive.DecodeLead, identity(pd.ToLead, pd.LeadObject), appendJSON[pipedrive.Lead]), nil
	case [2]Format{Copper, Copper}:
		return chain(copper.DecodeLead, identity(cp.ToLead, cp.LeadObject), appendJSON[copper.Lead]), nil
	case [2]Format{Canonical, Canonical}:
		return chain(DecodeCanonical, func(l lead.Lead) (lead.Lead, lead.Report, error) { return l, nil, nil }, appendCanonical), nil
	case [2]Format{Pipedrive, Canonical}:
		return chain(pipedrive.DecodeLead, pd.ToLead, appendCanonical), nil
	case [2]Format{Copper, Canonical}:
		return chain(copper.DecodeLead, cp.ToLead, appendCanonical), nil
	case [2]Format{Canonical, Pipedrive}:
		return chain(DecodeCanonical, c.canonicalToPipedrive, appendJSON[appender]), nil
	case [2]Format{Canonical, Copper}:
		return chain(DecodeCanonical, c.canonicalToCopper, appendJSON[appender]), nil
	case [2]Format{Pipedrive, Copper}:
		return chain(pipedrive.DecodeLead, c.PipedriveToCopper, appendJSON[copper.CreateLeadRequest]), nil
	case [2]Format{Copper, Pipedrive}:
		return chain(copper.DecodeLead, c.CopperToPipedrive, appendJSON[Bundle]), nil
	}
	return nil, fmt.Errorf("converting %s to %s is not supported", from, to)
}

// An appender is a result that writes its own JSON: a Pipedrive lead
// object, create body or Bundle, a Copper lead object or create body.
type appender interface{ AppendJSON([]byte) []byte }

// canonicalToPipedrive converts a canonical lead the way its own route
// would: a lead read from Copper (its refs, ids, custom fields or vendor
// data name Copper) as Copper → Pipedrive does, remapped by the mapping
// and the directory into a Bundle; a lead read from Pipedrive (it carries
// Pipedrive's vendor data or lead id) as Pipedrive → Pipedrive does, into
// the lead object; any other lead into the POST /v1/leads body. The
// report names paths as the route the lead came from does.
func (c Converter) canonicalToPipedrive(l lead.Lead) (appender, lead.Report, error) {
	switch {
	case names(l, systemCopper):
		return result(c.copperLeadToPipedrive(l, nil))
	case readFrom(l, systemPipedrive):
		return result(c.PipedriveTranslator().LeadObject(l))
	}
	return result(c.PipedriveTranslator().FromLead(l))
}

// canonicalToCopper is canonicalToPipedrive's counterpart: a lead read
// from Pipedrive becomes the POST /leads body as Pipedrive → Copper makes
// it (the directory fills the contact from the linked person), a lead
// read from Copper the lead object as Copper → Copper gives it, any other
// lead the POST /leads body.
func (c Converter) canonicalToCopper(l lead.Lead) (appender, lead.Report, error) {
	switch {
	case names(l, systemPipedrive):
		return result(pipedriveLeadToCopper(c, l, nil, copper.Translator.FromLead))
	case readFrom(l, systemCopper):
		return result(c.CopperTranslator().LeadObject(l))
	}
	return result(c.CopperTranslator().FromLead(l))
}

func result[T appender](v T, rep lead.Report, err error) (appender, lead.Report, error) {
	if err != nil {
		return nil, rep, err
	}
	return v, rep, nil
}

// hasVendor reports whether l carries vendor data of system.
func hasVendor(l lead.Lead, system string) bool {
	_, ok := l.Vendor[system]
	return ok
}

// readFrom reports whether l is a lead read from system: it carries the
// system's vendor data or the system's id for the lead. Every lead an
// adapter's ToLead makes has one or the other (an absent id is listed in
// the vendor data).
func readFrom(l lead.Lead, system string) bool {
	return hasVendor(l, system) || slices.ContainsFunc(l.IDs, func(r lead.Ref) bool { return r.System == system })
}

// names reports whether l came from system: its vendor data, an id, a
// reference or a custom field names the system.
func names(l lead.Lead, system string) bool {
	if hasVendor(l, system) {
		return true
	}
	is := func(r *lead.Ref) bool { return r != nil && r.System == system }
	for i := range l.IDs {
		if is(&l.IDs[i]) {
			return true
		}
	}
	for _, r := range []*lead.Ref{l.Person, l.Organization, l.Owner, l.Creator, l.StatusRef, l.NextActivity} {
		if is(r) {
			return true
		}
	}
	if s := l.Source; s != nil && (is(s.Channel) || is(s.CustomerSource)) {
		return true
	}
	for _, lb := range l.Labels {
		if is(lb.Ref) {
			return true
		}
	}
	for _, f := range l.CustomFields {
		if is(f.Source) || strings.HasPrefix(f.Key, system+":") {
			return true
		}
	}
	return false
}

// A pipeline is a recordConverter made of three steps: decode the record,
// translate it, append the result's JSON.
type pipeline[In, Out any] struct {
	decode    func([]byte) (In, error)
	translate func(In) (Out, lead.Report, error)
	encode    func([]byte, Out) ([]byte, error)
}

func chain[In, Out any](decode func([]byte) (In, error), translate func(In) (Out, lead.Report, error), encode func([]byte, Out) ([]byte, error)) recordConverter {
	return pipeline[In, Out]{decode, translate, encode}
}

func (p pipeline[In, Out]) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := p.decode(rec)
	if err != nil {
		return out, nil, err
	}
	v, rep, err := p.translate(in)
	if err != nil {
		return out, nil, err
	}
	res, err := p.encode(out, v)
	if err != nil {
		return out, nil, err
	}
	return res, rep, nil
}

// identity translates a vendor's lead object to the canonical lead and
// back. The report is the way back's: what the canonical lead could not
// give the object again.
func identity[V any](toLead func(V) (lead.Lead, lead.Report, error), back func(lead.Lead) (V, lead.Report, error)) func(V) (V, lead.Report, error) {
	return func(in V) (V, lead.Report, error) {
		l, rep, err := toLead(in)
		if err != nil {
			var zero V
			return zero, nil, err
		}
		out, rep2, err := back(l)
		// A value kept unchecked (lead.Unverified) is unchecked on the way
		// back too; the reading's other notes do not concern the identity.
		for _, c := range rep {
			if c.Kind == lead.Unverified {
				rep2 = append(rep2, c)
			}
		}
		if len(rep2) == 0 {
			return out, nil, err
		}
		rep2.Sort()
		return out, rep2, err
	}
}

// appendJSON appends v's compact JSON with its own encoder.
func appendJSON[T interface{ AppendJSON([]byte) []byte }](dst []byte, v T) ([]byte, error) {
	return v.AppendJSON(dst), nil
}

// appendCanonical appends l's canonical JSON, without HTML escaping.
func appendCanonical(out []byte, l lead.Lead) ([]byte, error) {
	buf := bytes.NewBuffer(out)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return out, &lead.FieldError{Rule: "encode", Err: err}
	}
	b := buf.Bytes()
	return b[:len(b)-1], nil // Encode ends the value with a newline
}
