package connect

import (
	"fmt"
	"os"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// A ConfigError is a setting of the processor or of the Bloblang method
// that cannot be used. Field is the setting's name as the configuration
// spells it ("from", "mapping", "pipedrive_account"); Err says why.
type ConfigError struct {
	Field string
	Err   error
}

// Error returns "leadbridge: field FIELD: reason".
func (e *ConfigError) Error() string {
	return "leadbridge: field " + e.Field + ": " + e.Err.Error()
}

// Unwrap returns the reason.
func (e *ConfigError) Unwrap() error { return e.Err }

// settings are what the processor and the method need to build a
// RecordConverter: the names of leadconv's flags.
type settings struct {
	from, to         string
	mapping          string // a file; empty for none
	pipedriveAccount string // a folder of Pipedrive exports; empty for none
	copperAccount    string // a folder of Copper exports; empty for none
	pipedrivePlan    string // a plan name; empty: the mapping's visibility.plan, or unknown
	strict           bool
}

// converter checks s and builds the RecordConverter it describes, as
// leadconv does from its flags. Every error is a *ConfigError.
func (s settings) converter() (*convert.RecordConverter, error) {
	from, err := convert.ParseFormat(s.from)
	if err != nil {
		return nil, &ConfigError{Field: "from", Err: err}
	}
	to, err := convert.ParseFormat(s.to)
	if err != nil {
		return nil, &ConfigError{Field: "to", Err: err}
	}
	if s.pipedrivePlan != "" {
		if _, err := pipedrive.ParsePlan(s.pipedrivePlan); err != nil {
			return nil, &ConfigError{Field: "pipedrive_plan", Err: err}
		}
	}
	// The plan wins over the mapping's visibility.plan, as leadconv's
	// --pipedrive-plan does.
	setup := convert.Setup{Strict: s.strict, PipedrivePlan: s.pipedrivePlan}
	if s.mapping != "" {
		b, err := os.ReadFile(s.mapping)
		if err != nil {
			return nil, &ConfigError{Field: "mapping", Err: err}
		}
		setup.Mapping, setup.MappingFile = b, s.mapping
	}
	// A folder that does not exist would read as an account without
	// exports: every lookup would then fail quietly.
	for _, dir := range []struct{ field, path string }{
		{"pipedrive_account", s.pipedriveAccount}, {"copper_account", s.copperAccount},
	} {
		if dir.path == "" {
			continue
		}
		fi, err := os.Stat(dir.path)
		if err == nil && !fi.IsDir() {
			err = fmt.Errorf("%s is not a folder", dir.path)
		}
		if err != nil {
			return nil, &ConfigError{Field: dir.field, Err: err}
		}
	}
	setup.PipedriveAccount, setup.CopperAccount = s.pipedriveAccount, s.copperAccount
	c, err := setup.Converter()
	if err != nil {
		return nil, s.blame(setup, err)
	}
	rc, err := convert.NewRecordConverter(from, to, c)
	if err != nil {
		return nil, &ConfigError{Field: "to", Err: err}
	}
	return rc, nil
}

// blame finds the setting behind err, an error of setup.Converter, by
// setting up each file or folder alone: the mapping and the two accounts
// are read independently of each other.
func (s settings) blame(setup convert.Setup, err error) error {
	for _, part := range []struct {
		field string
		setup convert.Setup
	}{
		{"mapping", convert.Setup{Mapping: setup.Mapping, MappingFile: setup.MappingFile}},
		{"pipedrive_account", convert.Setup{PipedriveAccount: setup.PipedriveAccount}},
		{"copper_account", convert.Setup{CopperAccount: setup.CopperAccount}},
	} {
		if _, perr := part.setup.Converter(); perr != nil {
			return &ConfigError{Field: part.field, Err: perr}
		}
	}
	return &ConfigError{Field: "mapping, pipedrive_account, copper_account", Err: err}
}

// strictErr rejects, under strict, a conversion that lost a field the
// mapping did not cover (lead.LossUnmapped), as leadconv's --strict does.
// The RecordConverter, built with Setup.Strict, already rejects those;
// this holds the Bloblang method, which may be given other set-ups, to
// the same rule.
func strictErr(rep lead.Report) error { return rep.StrictErr() }
