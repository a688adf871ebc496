package convert

import (
	"path/filepath"
	"testing"

	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// root is the module's testdata directory.
var root = filepath.Join("..", "testdata")

// translators returns the adapters configured for the sample accounts.
func translators(t testing.TB) (pipedrive.Translator, copper.Translator) {
	t.Helper()
	fields, err := pipedrive.DecodeDealFields(testkit.MustRead(t, filepath.Join(root, "pipedrive", "dealFields.json")))
	if err != nil {
		t.Fatal(err)
	}
	labels, err := pipedrive.DecodeLeadLabels(testkit.MustRead(t, filepath.Join(root, "pipedrive", "leadLabels.json")))
	if err != nil {
		t.Fatal(err)
	}
	currencies, err := pipedrive.DecodeCurrencies(testkit.MustRead(t, filepath.Join(root, "pipedrive", "currencies.json")))
	if err != nil {
		t.Fatal(err)
	}
	cp, err := LoadCopperAccount(filepath.Join(root, "copper"))
	if err != nil {
		t.Fatal(err)
	}
	return pipedrive.Translator{Fields: pipedrive.NewFieldMap(fields), Labels: pipedrive.NewLabelMap(labels), Currencies: pipedrive.NewCurrencyMap(currencies)}, cp
}

// sampleDirectory loads the sample exports.
func sampleDirectory(t testing.TB) *MemoryDirectory {
	t.Helper()
	d, err := LoadDirectory(filepath.Join(root, "pipedrive"), filepath.Join(root, "copper"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mustMapping loads a mapping file.
func mustMapping(t testing.TB, path string) Mapping {
	t.Helper()
	m, err := LoadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sampleConverter is the converter of the sample accounts, with the full
// mapping and the sample directory.
func sampleConverter(t testing.TB) Converter {
	t.Helper()
	pd, cp := translators(t)
	return Converter{
		Mapping:   mustMapping(t, filepath.Join(root, "mapping.json")),
		Directory: sampleDirectory(t),
		Pipedrive: pd,
		Copper:    cp,
	}
}
