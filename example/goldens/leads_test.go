// Package leads_test is the README's leadtest example as a test that runs:
// a folder of exported leads pinned with golden files.
package leads_test

import (
	"flag"
	"testing"

	"github.com/leadbridge/leadbridge/leadtest"
)

var update = flag.Bool("update", false, "rewrite golden files") // or reuse yours

func TestPipedriveToCopper(t *testing.T) {
	leadtest.Run(t, leadtest.Config{
		From: "pipedrive", To: "copper",
		Dir:     "testdata/leads",        // *.json / *.ndjson: objects, arrays, NDJSON, API envelopes
		Mapping: "testdata/mapping.json", // optional
		// PipedriveAccount: "testdata/pipedrive", CopperAccount: "testdata/copper", // optional exports
		Update: *update,
	})
}
