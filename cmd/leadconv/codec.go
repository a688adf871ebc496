package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/leadbridge/leadbridge/lead"
)

// A format names a lead shape on the command line.
type format string

const (
	formatCanonical format = "canonical" // package lead's JSON
	formatPipedrive format = "pipedrive" // a Pipedrive lead, as GET /v1/leads/{id} returns its data
	formatCopper    format = "copper"    // a Copper lead, as GET /leads/{id} returns it
)

var formats = []format{formatCanonical, formatPipedrive, formatCopper}

// Set implements flag.Value: it accepts the names of formats.
func (f *format) Set(s string) error {
	for _, known := range formats {
		if s == string(known) {
			*f = known
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want canonical, pipedrive or copper)", s)
}

func (f *format) String() string { return string(*f) }

// A converter turns the bytes of one input record into one output line.
//
// Convert appends the converted record to out, without a newline, and
// returns the extended slice, with the Report of every field the
// conversion dropped, derived, changed or defaulted (nil when it was
// exact). A non-nil error rejects the record; it is a lead.ErrorList or a
// *lead.FieldError naming paths in the input record (any other error is
// reported at the record's root with rule "invalid"). rec is a complete
// JSON object as the input holds it; Convert must not keep rec or out
// after it returns.
//
// One converter serves every worker of a run: Convert must be safe for
// concurrent use.
type converter interface {
	Convert(rec, out []byte) ([]byte, lead.Report, error)
}

// A converterSpec says which converter a run needs.
type converterSpec struct {
	From, To format
	// Mapping is the content of the --mapping file, nil without one;
	// MappingFile is its name, for messages.
	Mapping     []byte
	MappingFile string
	// Strict asks for ids the mapping does not cover to be rejected
	// (lead.ErrUnmapped). Dropped fields are rejected by the command
	// itself, from the report.
	Strict bool
}

// newConverter returns the converter for spec, or an error when it has
// none; the command line reports the error as a usage error.
//
// It supports canonical→canonical, pipedrive→pipedrive and copper→copper,
// and all three are placeholders: they check that the record is well-formed
// JSON and re-emit it compacted, without decoding it into a lead or
// validating it, and they ignore the mapping. Conversions between vendors
// belong here, built from package convert for the (From, To) pair and the
// mapping.
func newConverter(spec converterSpec) (converter, error) {
	if spec.From == spec.To {
		return compactJSON{}, nil
	}
	return nil, fmt.Errorf("converting %s to %s is not supported", spec.From, spec.To)
}

// compactJSON re-emits a well-formed JSON object compacted.
type compactJSON struct{}

func (compactJSON) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	if i := bytes.IndexFunc(rec, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\n' }); i < 0 || rec[i] != '{' {
		return out, nil, &lead.FieldError{Rule: "want object", Err: lead.ErrType}
	}
	b := bytes.NewBuffer(out)
	if err := json.Compact(b, rec); err != nil {
		return out, nil, &lead.FieldError{Rule: "syntax", Err: fmt.Errorf("%w: %v", lead.ErrMalformed, err)}
	}
	return b.Bytes(), nil, nil
}
