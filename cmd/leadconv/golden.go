package main

import (
	"fmt"
	"strings"

	"github.com/leadbridge/leadbridge/leadtest"
)

const (
	goldenSynopsis = `leadconv golden --from FORMAT --to FORMAT [--mapping FILE] [--pipedrive-account DIR]
                [--pipedrive-plan PLAN] [--copper-account DIR] [--strict] [--update] DIR`
	goldenAbout = `Converts every *.json and *.ndjson file directly in DIR (golden files and the --mapping
file excepted) and compares each record's output, loss report and errors with the golden
file beside the input: <name>.golden.json for <name>.json or <name>.ndjson. The diff of
every record that differs goes to standard output. With --update, writes the golden files
instead: missing ones are created, changed ones rewritten, those without an input deleted.
These are the files of the Go package leadtest (leadtest.Run in a test).`
	goldenExitAbout = `Exit status: 0 when every golden file matches (or was written), 1 when one differs, is missing
or has no input, 2 for a usage or I/O error.`
)

// golden runs the golden command: package leadtest's Check, with the
// converter options of convert.
func (a *app) golden(args []string, std stdio) int {
	o := defaultOptions()
	var update bool
	fl := newFlags("golden", goldenSynopsis, goldenAbout)
	fl.value(&o.from, "from", "FORMAT", "format of the input records (required)")
	fl.value(&o.to, "to", "FORMAT", "format of the output records (required)")
	fl.string(&o.mapping, "mapping", "FILE", "ids of one system's account mapped to the other's (JSON)")
	fl.string(&o.pdAccount, "pipedrive-account", "DIR", usagePipedriveAccount)
	fl.value(&o.pdPlan, "pipedrive-plan", "PLAN", usagePipedrivePlan+" (default: the mapping's visibility.plan)")
	fl.string(&o.cpAccount, "copper-account", "DIR", usageCopperAccount)
	fl.boolean(&o.strict, "strict", "reject records holding an id the mapping lacks")
	fl.boolean(&update, "update", "write the golden files from the current output instead of comparing")
	if wantsHelp(args) {
		fmt.Fprint(std.out, strings.Replace(fl.usage(), exitAbout, goldenExitAbout, 1))
		return exitOK
	}
	if code, ok := fl.parse(args, std, &o); !ok {
		return code
	}
	if o.from == "" || o.to == "" {
		return fl.usageError(std, "--from and --to are required")
	}
	if len(o.files) != 1 {
		return fl.usageError(std, "want one DIR")
	}
	res, err := leadtest.Check(leadtest.Config{
		From: string(o.from), To: string(o.to), Dir: o.files[0], Mapping: o.mapping,
		PipedriveAccount: o.pdAccount, CopperAccount: o.cpAccount, PipedrivePlan: string(o.pdPlan), Strict: o.strict, Update: update,
	})
	if err != nil {
		fmt.Fprintf(std.err, "leadconv golden: %s\n", strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return exitUsage
	}
	failed := 0
	for _, f := range res.Files {
		switch {
		case f.Status.Failed():
			failed++
			fmt.Fprintf(std.out, "%s\n\n", f)
		case f.Status == leadtest.Written || f.Status == leadtest.Removed:
			fmt.Fprintf(std.err, "%s\n", f)
		}
	}
	fmt.Fprintf(std.err, "leadconv golden: %d files, %d records, %d failed\n", len(res.Files), res.Records(), failed)
	if failed > 0 {
		fmt.Fprintf(std.err, "If the new output is intended, rerun with --update and review the changes in %s.\n", o.files[0])
		return exitRejected
	}
	return exitOK
}

// wantsHelp reports whether args ask for the usage before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}
