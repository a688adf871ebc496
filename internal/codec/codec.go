// Package codec turns one input record of one lead shape into one output
// record of another: the per-record conversion behind leadconv and the
// leadtest golden kit. A Converter is built once for a pair of formats and
// an account set-up, and is safe for concurrent use.
//
// The pairs:
//
//	pipedrive → pipedrive   the lead object back (identity through lead.Lead)
//	copper    → copper      the lead object back (identity through lead.Lead)
//	canonical → canonical   the canonical JSON, validated
//	pipedrive → canonical   ToLead
//	copper    → canonical   ToLead
//	canonical → pipedrive   the POST /v1/leads body
//	canonical → copper      the POST /leads body
//	pipedrive → copper      convert.PipedriveToCopper: the POST /leads body
//	copper    → pipedrive   convert.CopperToPipedrive: a convert.Bundle
package codec

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/leadbridge/leadbridge/convert"
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

// A Converter turns the bytes of one input record into one output record.
//
// Convert appends the converted record to out, as one line of compact JSON
// without a newline, and returns the extended slice with the Report of
// every field the conversion dropped, derived, changed or defaulted. A
// non-nil error rejects the record: a lead.ErrorList or *lead.FieldError
// naming paths in the input record.
type Converter interface {
	Convert(rec, out []byte) ([]byte, lead.Report, error)
}

// Options say which Converter to build.
type Options struct {
	From, To Format
	// Convert carries the mapping, the directory and the two accounts'
	// translators; its zero value works.
	Convert convert.Converter
}

// New returns the Converter for o.From → o.To.
func New(o Options) (Converter, error) {
	c := o.Convert
	pd, cp := c.PipedriveTranslator(), c.CopperTranslator()
	switch [2]Format{o.From, o.To} {
	case [2]Format{Pipedrive, Pipedrive}:
		return pipedriveIdentity{pd}, nil
	case [2]Format{Copper, Copper}:
		return copperIdentity{cp}, nil
	case [2]Format{Canonical, Canonical}:
		return canonicalIdentity{}, nil
	case [2]Format{Pipedrive, Canonical}:
		return pipedriveToCanonical{pd}, nil
	case [2]Format{Copper, Canonical}:
		return copperToCanonical{cp}, nil
	case [2]Format{Canonical, Pipedrive}:
		return canonicalToPipedrive{pd}, nil
	case [2]Format{Canonical, Copper}:
		return canonicalToCopper{cp}, nil
	case [2]Format{Pipedrive, Copper}:
		return pipedriveToCopper{c}, nil
	case [2]Format{Copper, Pipedrive}:
		return copperToPipedrive{c}, nil
	}
	return nil, fmt.Errorf("converting %s to %s is not supported", o.From, o.To)
}

type pipedriveIdentity struct{ t pipedrive.Translator }

func (c pipedriveIdentity) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := pipedrive.DecodeLead(rec)
	if err != nil {
		return out, nil, err
	}
	l, _, err := c.t.ToLead(in)
	if err != nil {
		return out, nil, err
	}
	obj, rep, err := c.t.LeadObject(l)
	if err != nil {
		return out, nil, err
	}
	return obj.AppendJSON(out), rep, nil
}

type copperIdentity struct{ t copper.Translator }

func (c copperIdentity) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := copper.DecodeLead(rec)
	if err != nil {
		return out, nil, err
	}
	l, _, err := c.t.ToLead(in)
	if err != nil {
		return out, nil, err
	}
	obj, rep, err := c.t.LeadObject(l)
	if err != nil {
		return out, nil, err
	}
	return obj.AppendJSON(out), rep, nil
}

type canonicalIdentity struct{}

func (canonicalIdentity) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	l, err := DecodeCanonical(rec)
	if err != nil {
		return out, nil, err
	}
	out, err = appendCanonical(out, l)
	return out, nil, err
}

type pipedriveToCanonical struct{ t pipedrive.Translator }

func (c pipedriveToCanonical) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := pipedrive.DecodeLead(rec)
	if err != nil {
		return out, nil, err
	}
	l, rep, err := c.t.ToLead(in)
	if err != nil {
		return out, nil, err
	}
	out, err = appendCanonical(out, l)
	return out, rep, err
}

type copperToCanonical struct{ t copper.Translator }

func (c copperToCanonical) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := copper.DecodeLead(rec)
	if err != nil {
		return out, nil, err
	}
	l, rep, err := c.t.ToLead(in)
	if err != nil {
		return out, nil, err
	}
	out, err = appendCanonical(out, l)
	return out, rep, err
}

type canonicalToPipedrive struct{ t pipedrive.Translator }

func (c canonicalToPipedrive) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	l, err := DecodeCanonical(rec)
	if err != nil {
		return out, nil, err
	}
	body, rep, err := c.t.FromLead(l)
	if err != nil {
		return out, nil, err
	}
	return body.AppendJSON(out), rep, nil
}

type canonicalToCopper struct{ t copper.Translator }

func (c canonicalToCopper) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	l, err := DecodeCanonical(rec)
	if err != nil {
		return out, nil, err
	}
	body, rep, err := c.t.FromLead(l)
	if err != nil {
		return out, nil, err
	}
	return body.AppendJSON(out), rep, nil
}

type pipedriveToCopper struct{ c convert.Converter }

func (c pipedriveToCopper) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := pipedrive.DecodeLead(rec)
	if err != nil {
		return out, nil, err
	}
	body, rep, err := c.c.PipedriveToCopper(in)
	if err != nil {
		return out, nil, err
	}
	return body.AppendJSON(out), rep, nil
}

type copperToPipedrive struct{ c convert.Converter }

func (c copperToPipedrive) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	in, err := copper.DecodeLead(rec)
	if err != nil {
		return out, nil, err
	}
	b, rep, err := c.c.CopperToPipedrive(in)
	if err != nil {
		return out, nil, err
	}
	return b.AppendJSON(out), rep, nil
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
