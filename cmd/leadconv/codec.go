package main

import (
	"fmt"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/internal/codec"
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

// A converter turns the bytes of one input record into one output line:
// codec.Converter, whose Convert appends the converted record to out
// (no newline) and returns the report and, for a rejected record, a
// lead.ErrorList or *lead.FieldError naming paths in the input. One
// converter serves every worker of a run: it is safe for concurrent use.
type converter = codec.Converter

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
	// PipedriveAccount and CopperAccount are folders of account exports
	// (definitions, labels, statuses, persons and organizations).
	PipedriveAccount, CopperAccount string
}

// newConverter returns the converter for spec, or an error when the pair
// is not supported or the mapping or an account folder cannot be read; the
// command line reports the error as a usage error.
func newConverter(spec converterSpec) (converter, error) {
	var c convert.Converter
	if spec.Mapping != nil {
		m, err := convert.ParseMapping(spec.Mapping)
		if err != nil {
			return nil, fmt.Errorf("mapping %s:\n%w", spec.MappingFile, err)
		}
		c.Mapping = m
	}
	c.Strict = spec.Strict
	var err error
	if spec.PipedriveAccount != "" {
		if c.Pipedrive, err = codec.LoadPipedriveAccount(spec.PipedriveAccount); err != nil {
			return nil, fmt.Errorf("pipedrive account: %w", err)
		}
	}
	if spec.CopperAccount != "" {
		if c.Copper, err = codec.LoadCopperAccount(spec.CopperAccount); err != nil {
			return nil, fmt.Errorf("copper account: %w", err)
		}
	}
	if spec.PipedriveAccount != "" || spec.CopperAccount != "" {
		dir, err := convert.LoadDirectory(spec.PipedriveAccount, spec.CopperAccount)
		if err != nil {
			return nil, fmt.Errorf("account exports: %w", err)
		}
		c.Directory = dir
	}
	return codec.New(codec.Options{From: codec.Format(spec.From), To: codec.Format(spec.To), Convert: c})
}
