package leadtest_test

import (
	"path/filepath"
	"testing"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/leadtest"
)

// TestCrossVendorGoldens pins this module's own cross-vendor conversions
// with the kit: the sample account's mapping and exports, and a few leads
// of the corpus each way. `go test ./... -update` rewrites the goldens.
func TestCrossVendorGoldens(t *testing.T) {
	root := filepath.Join("..", "testdata")
	for _, tt := range []struct{ from, to string }{
		{"pipedrive", "copper"},
		{"copper", "pipedrive"},
	} {
		name := tt.from + "_to_" + tt.to
		t.Run(name, func(t *testing.T) {
			res := leadtest.Run(t, leadtest.Config{
				From:             tt.from,
				To:               tt.to,
				Dir:              filepath.Join(root, "leadtest", name),
				Mapping:          filepath.Join(root, "mapping.json"),
				PipedriveAccount: filepath.Join(root, "pipedrive"),
				CopperAccount:    filepath.Join(root, "copper"),
				Update:           golden.Updating(),
			})
			if n := res.Records(); n < 5 {
				t.Errorf("%d records, want at least 5", n)
			}
		})
	}
}
