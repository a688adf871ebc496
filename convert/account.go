package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// LoadPipedriveAccount reads what a Pipedrive translator needs from the
// exports in dir: dealFields.json (GET /v1/dealFields) and leadLabels.json
// (GET /v1/leadLabels), the layout of testdata/pipedrive. A missing file is
// skipped; an unreadable one is an error naming it.
func LoadPipedriveAccount(dir string) (pipedrive.Translator, error) {
	var t pipedrive.Translator
	if b, err := readOptional(filepath.Join(dir, "dealFields.json")); err != nil {
		return t, err
	} else if b != nil {
		fields, err := pipedrive.DecodeDealFields(b)
		if err != nil {
			return t, fileErr(filepath.Join(dir, "dealFields.json"), err)
		}
		t.Fields = pipedrive.NewFieldMap(fields)
	}
	if b, err := readOptional(filepath.Join(dir, "leadLabels.json")); err != nil {
		return t, err
	} else if b != nil {
		labels, err := pipedrive.DecodeLeadLabels(b)
		if err != nil {
			return t, fileErr(filepath.Join(dir, "leadLabels.json"), err)
		}
		t.Labels = pipedrive.NewLabelMap(labels)
	}
	return t, nil
}

// LoadCopperAccount reads what a Copper translator needs from the exports
// in dir: custom_field_definitions.json (GET /custom_field_definitions),
// lead_statuses.json (GET /lead_statuses) and account.json (GET /account,
// whose primary_timezone is the zone of custom Dates), the layout of
// testdata/copper. A missing file is skipped; an unreadable one is an
// error naming it.
func LoadCopperAccount(dir string) (copper.Translator, error) {
	var t copper.Translator
	if b, err := readOptional(filepath.Join(dir, "account.json")); err != nil {
		return t, err
	} else if b != nil {
		a, err := copper.DecodeAccount(b)
		if err == nil {
			t.Location, err = a.Location()
		}
		if err != nil {
			return t, fileErr(filepath.Join(dir, "account.json"), err)
		}
	}
	if b, err := readOptional(filepath.Join(dir, "custom_field_definitions.json")); err != nil {
		return t, err
	} else if b != nil {
		defs, err := copper.DecodeCustomFieldDefinitions(b)
		if err != nil {
			return t, fileErr(filepath.Join(dir, "custom_field_definitions.json"), err)
		}
		t.Definitions = defs
	}
	if b, err := readOptional(filepath.Join(dir, "lead_statuses.json")); err != nil {
		return t, err
	} else if b != nil {
		statuses, err := copper.DecodeLeadStatuses(b)
		if err != nil {
			return t, fileErr(filepath.Join(dir, "lead_statuses.json"), err)
		}
		t.Statuses = statuses
	}
	return t, nil
}

func readOptional(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

func fileErr(path string, err error) error {
	var list lead.ErrorList
	list.Append(path, err)
	return list.Err()
}

// Setup is what a converter needs to know of the two accounts, as
// leadconv's flags and leadtest's Config name it: the mapping (its bytes,
// and its file name for messages) and folders of account exports.
type Setup struct {
	Mapping          []byte
	MappingFile      string
	PipedriveAccount string
	CopperAccount    string
	Strict           bool
}

// Converter reads what s names into a Converter: the mapping, the
// two accounts' translators and a directory of their exports. Errors name
// the file they come from.
func (s Setup) Converter() (Converter, error) {
	var c Converter
	var err error
	if s.Mapping != nil {
		if c.Mapping, err = ParseMapping(s.Mapping); err != nil {
			return c, fmt.Errorf("mapping %s:\n%w", s.MappingFile, err)
		}
	}
	c.Strict = s.Strict
	if s.PipedriveAccount != "" {
		if c.Pipedrive, err = LoadPipedriveAccount(s.PipedriveAccount); err != nil {
			return c, fmt.Errorf("pipedrive account: %w", err)
		}
	}
	if s.CopperAccount != "" {
		if c.Copper, err = LoadCopperAccount(s.CopperAccount); err != nil {
			return c, fmt.Errorf("copper account: %w", err)
		}
	}
	if s.PipedriveAccount != "" || s.CopperAccount != "" {
		dir, err := LoadDirectory(s.PipedriveAccount, s.CopperAccount)
		if err != nil {
			return c, fmt.Errorf("account exports: %w", err)
		}
		c.Directory = dir
	}
	return c, nil
}
