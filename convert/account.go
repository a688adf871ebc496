package convert

import (
	"encoding/json"
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
// exports in dir: dealFields.json (GET /v1/dealFields), leadLabels.json
// (GET /v1/leadLabels) and currencies.json (GET /v1/currencies), the
// layout of testdata/pipedrive. A missing file is skipped; an unreadable
// one is an error naming it. Without currencies.json a currency code that
// is not ISO 4217 is carried as the account's own and reported unverified.
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
	if b, err := readOptional(filepath.Join(dir, "currencies.json")); err != nil {
		return t, err
	} else if b != nil {
		currencies, err := pipedrive.DecodeCurrencies(b)
		if err != nil {
			return t, fileErr(filepath.Join(dir, "currencies.json"), err)
		}
		t.Currencies = pipedrive.NewCurrencyMap(currencies)
	}
	return t, nil
}

// LoadCopperAccount reads what a Copper translator needs from the exports
// in dir: custom_field_definitions.json (GET /custom_field_definitions) and
// lead_statuses.json (GET /lead_statuses), the layout of testdata/copper.
// A missing file is skipped; an unreadable one is an error naming it.
func LoadCopperAccount(dir string) (copper.Translator, error) {
	var t copper.Translator
	if b, err := readOptional(filepath.Join(dir, "custom_field_definitions.json")); err != nil {
		return t, err
	} else if b != nil {
		if err := json.Unmarshal(b, &t.Definitions); err != nil {
			return t, fileErr(filepath.Join(dir, "custom_field_definitions.json"), err)
		}
	}
	if b, err := readOptional(filepath.Join(dir, "lead_statuses.json")); err != nil {
		return t, err
	} else if b != nil {
		if err := json.Unmarshal(b, &t.Statuses); err != nil {
			return t, fileErr(filepath.Join(dir, "lead_statuses.json"), err)
		}
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

// Setup is what a converter needs to know of the two accounts, as files
// and folders, the way leadconv's flags and leadtest's Config name them.
// The zero Setup gives the zero Converter.
type Setup struct {
	// Mapping is the mapping file's content; when it is nil and
	// MappingFile is set, the file is read. MappingFile names the file in
	// messages.
	Mapping     []byte
	MappingFile string
	// PipedriveAccount and CopperAccount are folders of account exports,
	// laid out as testdata/pipedrive and testdata/copper.
	PipedriveAccount string
	CopperAccount    string
	// Strict has the effect of Converter.Strict.
	Strict bool
}

// Converter reads what s names into a Converter: the mapping, the
// two accounts' translators and a directory of their exports. Errors name
// the file they come from.
func (s Setup) Converter() (Converter, error) {
	var c Converter
	var err error
	if s.Mapping == nil && s.MappingFile != "" {
		if s.Mapping, err = os.ReadFile(s.MappingFile); err != nil {
			return c, fmt.Errorf("mapping: %w", err)
		}
	}
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
