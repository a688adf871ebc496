package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// PipedriveAccountFiles returns the names of the exports read from a
// Pipedrive account folder, by LoadPipedriveAccount and LoadDirectory.
func PipedriveAccountFiles() []string {
	return append(pipedriveTranslatorFiles(), pipedriveDirectoryFiles()...)
}

// CopperAccountFiles returns the names of the exports read from a Copper
// account folder, by LoadCopperAccount and LoadDirectory.
func CopperAccountFiles() []string {
	return append(copperTranslatorFiles(), copperDirectoryFiles()...)
}

func pipedriveTranslatorFiles() []string {
	return []string{"dealFields.json", "leadLabels.json", "currencies.json"}
}
func copperTranslatorFiles() []string {
	return []string{"custom_field_definitions.json", "lead_statuses.json", "account.json"}
}
func pipedriveDirectoryFiles() []string {
	return []string{"persons.json", "organizations.json", "users.json"}
}
func copperDirectoryFiles() []string { return []string{"people.json", "companies.json", "users.json"} }

// ErrNoExports is the cause of a FolderError for an account folder that
// holds none of the exports read from it.
var ErrNoExports = errors.New("holds none of the account exports")

// errNotFolder is the cause of a FolderError for a path that is not a
// folder.
var errNotFolder = errors.New("not a folder")

// A FolderError reports an account folder that cannot serve: it does not
// exist (Err wraps fs.ErrNotExist), is not a folder, or holds none of the
// exports read from it (Err is ErrNoExports). Without it, a mistyped
// folder would silently leave every custom field unmapped.
type FolderError struct {
	Dir   string   // the folder, as given
	Files []string // the exports looked for there
	Err   error
}

// Error returns "DIR: cause (looked for FILE, FILE, ...)".
func (e *FolderError) Error() string {
	return e.Dir + ": " + e.Err.Error() + " (looked for " + strings.Join(e.Files, ", ") + ")"
}

// Unwrap returns the cause.
func (e *FolderError) Unwrap() error { return e.Err }

// checkFolder returns a *FolderError unless dir is a folder holding at
// least one of files.
func checkFolder(dir string, files []string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &FolderError{Dir: dir, Files: files, Err: err}
	}
	if !fi.IsDir() {
		return &FolderError{Dir: dir, Files: files, Err: errNotFolder}
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return nil
		}
	}
	return &FolderError{Dir: dir, Files: files, Err: ErrNoExports}
}

// LoadPipedriveAccount reads what a Pipedrive translator needs from the
// exports in dir: dealFields.json (GET /v1/dealFields), leadLabels.json
// (GET /v1/leadLabels) and currencies.json (GET /v1/currencies), the
// layout of testdata/pipedrive. A missing file is skipped; an unreadable
// one is an error naming it. Without currencies.json a currency code that
// is not ISO 4217 is carried as the account's own and reported unverified.
// A dir that does not exist, or holds none of the files, is a *FolderError.
func LoadPipedriveAccount(dir string) (pipedrive.Translator, error) {
	if err := checkFolder(dir, pipedriveTranslatorFiles()); err != nil {
		return pipedrive.Translator{}, err
	}
	return loadPipedriveAccount(dir)
}

func loadPipedriveAccount(dir string) (pipedrive.Translator, error) {
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
// in dir: custom_field_definitions.json (GET /custom_field_definitions),
// lead_statuses.json (GET /lead_statuses) and account.json (GET /account,
// whose primary_timezone is the zone of custom Dates), the layout of
// testdata/copper. A missing file is skipped; an unreadable one is an
// error naming it. A dir that does not exist, or holds none of the files,
// is a *FolderError.
func LoadCopperAccount(dir string) (copper.Translator, error) {
	if err := checkFolder(dir, copperTranslatorFiles()); err != nil {
		return copper.Translator{}, err
	}
	return loadCopperAccount(dir)
}

func loadCopperAccount(dir string) (copper.Translator, error) {
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
	// PipedrivePlan names the Pipedrive account's plan, which gives
	// visible_to its meaning (see pipedrive.ParsePlan); it takes
	// precedence over the mapping's visibility.plan. Empty leaves the
	// mapping's plan, or none.
	PipedrivePlan string
}

// Converter reads what s names into a Converter: the mapping, the
// two accounts' translators and a directory of their exports. Errors name
// the file they come from. An account folder that does not exist, or holds
// none of PipedriveAccountFiles or CopperAccountFiles, is a *FolderError.
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
			return c, fmt.Errorf("%s:\n%w", strings.TrimSpace("mapping "+s.MappingFile), err)
		}
	}
	c.Strict = s.Strict
	if s.PipedriveAccount != "" {
		if err := checkFolder(s.PipedriveAccount, PipedriveAccountFiles()); err != nil {
			return c, fmt.Errorf("pipedrive account: %w", err)
		}
		if c.Pipedrive, err = loadPipedriveAccount(s.PipedriveAccount); err != nil {
			return c, fmt.Errorf("pipedrive account: %w", err)
		}
	}
	if s.PipedrivePlan != "" {
		if c.Pipedrive.Plan, err = pipedrive.ParsePlan(s.PipedrivePlan); err != nil {
			return c, err
		}
	}
	if s.CopperAccount != "" {
		if err := checkFolder(s.CopperAccount, CopperAccountFiles()); err != nil {
			return c, fmt.Errorf("copper account: %w", err)
		}
		if c.Copper, err = loadCopperAccount(s.CopperAccount); err != nil {
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
