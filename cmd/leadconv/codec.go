package main

import (
	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
)

// A format names a lead shape on the command line: a convert.Format that
// is also a flag.Value.
type format convert.Format

// Set implements flag.Value: it accepts the names of convert.Formats.
func (f *format) Set(s string) error {
	v, err := convert.ParseFormat(s)
	if err != nil {
		return err
	}
	*f = format(v)
	return nil
}

func (f *format) String() string { return string(*f) }

// A converter turns the bytes of one input record into one output line:
// *convert.RecordConverter, whose Convert appends the converted record to out
// (no newline) and returns the report and, for a rejected record, a
// lead.ErrorList or *lead.FieldError naming paths in the input. One
// converter serves every worker of a run: it is safe for concurrent use.
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
	// Strict asks for fields dropped because the mapping does not cover
	// them (lead.LossUnmapped) to be rejected (lead.ErrUnmapped).
	Strict bool
	// PipedriveAccount and CopperAccount are folders of account exports
	// (definitions, labels, statuses, persons and organizations).
	PipedriveAccount, CopperAccount string
	// PipedrivePlan is the --pipedrive-plan name, "" without one.
	PipedrivePlan string
}

// newConverter returns the converter for spec, or an error when the pair
// is not supported or the mapping or an account folder cannot be read; the
// command line reports the error as a usage error.
func newConverter(spec converterSpec) (converter, error) {
	c, err := convert.Setup{Mapping: spec.Mapping, MappingFile: spec.MappingFile, Strict: spec.Strict,
		PipedriveAccount: spec.PipedriveAccount, CopperAccount: spec.CopperAccount, PipedrivePlan: spec.PipedrivePlan}.Converter()
	if err != nil {
		return nil, err
	}
	rc, err := convert.NewRecordConverter(convert.Format(spec.From), convert.Format(spec.To), c)
	if err != nil {
		return nil, err
	}
	return labelledConverter{rc, newLabeler(convert.Format(spec.From), c)}, nil
}

// A labelledConverter is a converter that knows the names of the
// accounts' custom fields, for the summary.
type labelledConverter struct {
	*convert.RecordConverter
	labels *labeler
}

// labelerOf returns the labeler of conv: its own, or one that only folds
// array indexes.
func labelerOf(conv converter) *labeler {
	if lc, ok := conv.(labelledConverter); ok {
		return lc.labels
	}
	return &labeler{}
}
