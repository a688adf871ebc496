package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// The mapping and account loaders read files a user supplies: no input
// makes them panic, and every error names where the problem is.

// FuzzParseMapping: ParseMapping never panics; its errors are FieldErrors
// naming a path in the file (the root only for input that is not
// well-formed JSON or not an object); what it accepts is valid and reads
// back equal when written with encoding/json.
//
// Run: go test ./convert -run '^$' -fuzz '^FuzzParseMapping$' -fuzztime 3m
func FuzzParseMapping(f *testing.F) {
	for _, p := range []string{filepath.Join(root, "mapping.json"), filepath.Join(root, "convert", "mapping_partial.json")} {
		f.Add(testkit.MustRead(f, p))
	}
	f.Add([]byte(`{"users":[{"pipedrive":1,"copper":2}],"custom_fields":[{"key":"k","copper":5,"options":[{"pipedrive":1,"copper":2}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping(data)
		if err != nil {
			checkPathErrors(t, err, data, '{')
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("ParseMapping accepted an invalid mapping: %v", err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseMapping(b)
		if err != nil {
			t.Fatalf("ParseMapping rejects the mapping written back: %v\n%s", err, b)
		}
		// Written back, an empty list is left out (omitempty): empty and
		// nil lists are the same mapping.
		if diff := cmp.Diff(m, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("the mapping written back reads different (-first +second):\n%s", diff)
		}
	})
}

// An accountLoader reads one account export: from bytes (file is "") or
// from a file in an account folder (file is its name there).
type accountLoader struct {
	name string
	file string // the file in the folder, for the folder loaders
	root byte   // the JSON kind at the root the export has: '{', '[' or 0 for both
	load func(dir string, b []byte) error
}

// accountLoaders are the decoders of account exports, each with a corpus
// file to seed it.
var accountLoaders = []accountLoader{
	{"DecodeDealFields", "", '{', func(_ string, b []byte) error { _, err := pipedrive.DecodeDealFields(b); return err }},
	{"DecodeLeadLabels", "", '{', func(_ string, b []byte) error { _, err := pipedrive.DecodeLeadLabels(b); return err }},
	{"AddPipedrivePersons", "", 0, func(_ string, b []byte) error { return new(MemoryDirectory).AddPipedrivePersons(b) }},
	{"AddPipedriveOrganizations", "", 0, func(_ string, b []byte) error { return new(MemoryDirectory).AddPipedriveOrganizations(b) }},
	{"AddPipedriveUsers", "", 0, func(_ string, b []byte) error { return new(MemoryDirectory).AddPipedriveUsers(b) }},
	{"AddPipedriveLabels", "", 0, func(_ string, b []byte) error { return new(MemoryDirectory).AddPipedriveLabels(b) }},
	{"AddCopperPeople", "", '[', func(_ string, b []byte) error { return new(MemoryDirectory).AddCopperPeople(b) }},
	{"AddCopperCompanies", "", '[', func(_ string, b []byte) error { return new(MemoryDirectory).AddCopperCompanies(b) }},
	{"AddCopperUsers", "", '[', func(_ string, b []byte) error { return new(MemoryDirectory).AddCopperUsers(b) }},
	{"LoadPipedriveAccount", "dealFields.json", '{', func(dir string, _ []byte) error { _, err := LoadPipedriveAccount(dir); return err }},
	{"LoadPipedriveAccount", "leadLabels.json", '{', func(dir string, _ []byte) error { _, err := LoadPipedriveAccount(dir); return err }},
	{"LoadCopperAccount", "custom_field_definitions.json", '[', func(dir string, _ []byte) error { _, err := LoadCopperAccount(dir); return err }},
	{"LoadCopperAccount", "lead_statuses.json", '[', func(dir string, _ []byte) error { _, err := LoadCopperAccount(dir); return err }},
	{"LoadDirectory", "persons.json", 0, func(dir string, _ []byte) error { _, err := LoadDirectory(dir, ""); return err }},
	{"LoadDirectory", "people.json", '[', func(dir string, _ []byte) error { _, err := LoadDirectory("", dir); return err }},
}

// loaderSeeds are the corpus files of each loader, by index in accountLoaders.
var loaderSeeds = []string{
	"pipedrive/dealFields.json", "pipedrive/leadLabels.json", "pipedrive/persons.json",
	"pipedrive/organizations.json", "pipedrive/persons.json", "pipedrive/leadLabels.json",
	"copper/people.json", "copper/companies.json", "copper/users.json",
	"pipedrive/dealFields.json", "pipedrive/leadLabels.json",
	"copper/custom_field_definitions.json", "copper/lead_statuses.json",
	"pipedrive/persons.json", "copper/people.json",
}

// FuzzAccountExports: the account export decoders (the Pipedrive deal
// fields and lead labels, the directory's Add methods, and the account
// and directory loaders reading a folder) never panic, and every error
// names a path: a FieldError with a path in the document (the root only
// for input that is not well-formed JSON or has the wrong kind of root),
// or, from a folder, an error naming the file. which selects the loader.
//
// Run: go test ./convert -run '^$' -fuzz '^FuzzAccountExports$' -fuzztime 3m
func FuzzAccountExports(f *testing.F) {
	for i, p := range loaderSeeds {
		f.Add(testkit.MustRead(f, filepath.Join(root, p)), uint8(i))
	}
	f.Add([]byte(`{"success":true,"data":[{"id":1,"owner_id":{"id":2,"name":"x"},"org_id":null,"email":[{"value":"a@b.c"}]}]}`), uint8(2))
	f.Add([]byte(`[{"id":1,"name":"x","data_type":"Dropdown","options":[{"id":2,"name":"y","rank":0}]}]`), uint8(11))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		l := accountLoaders[int(which)%len(accountLoaders)]
		if l.file == "" {
			if err := l.load("", data); err != nil {
				checkPathErrors(t, err, data, l.root)
			}
			return
		}
		path := filepath.Join(dir, l.file)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		if err := l.load(dir, data); err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("%s: the error does not name the file %s: %v", l.name, path, err)
			}
			var fe *lead.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("%s: the error is not a FieldError: %T %v", l.name, err, err)
			}
		}
	})
}

// checkPathErrors fails unless err is a *lead.FieldError or a non-empty
// lead.ErrorList whose every entry names a path. An entry may name the
// root only when data is not well-formed JSON (lead.ErrMalformed) or when
// its root is not of the kind the document must have (root, '{' or '[',
// or 0 when either is allowed; lead.ErrType).
func checkPathErrors(t *testing.T, err error, data []byte, root byte) {
	t.Helper()
	var list lead.ErrorList
	var fe *lead.FieldError
	switch {
	case errors.As(err, &list):
		if len(list) == 0 {
			t.Fatalf("empty error list")
		}
	case errors.As(err, &fe):
		list = lead.ErrorList{fe}
	default:
		t.Fatalf("error is not a FieldError: %T %v", err, err)
	}
	first := byte(0)
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 {
		first = trimmed[0]
	}
	wrongRoot := root != 0 && first != root || root == 0 && first != '{' && first != '['
	for _, e := range list {
		if e.Path != "" {
			continue
		}
		if errors.Is(e, lead.ErrMalformed) || !json.Valid(data) {
			if !errors.Is(e, lead.ErrMalformed) {
				t.Fatalf("an error on input that is not JSON does not say so: %v", e)
			}
			continue
		}
		if wrongRoot && errors.Is(e, lead.ErrType) {
			continue
		}
		t.Fatalf("the error names no path: %v", e)
	}
}
