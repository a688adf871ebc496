// Package leadtest pins a team's own lead conversions with golden files,
// in the spirit of net/http/httptest: a folder of exported leads, a
// mapping and optional account exports go in; the converted records and
// their loss reports are compared with golden files kept beside the
// inputs.
//
// From a _test.go file of any module:
//
//	var update = flag.Bool("update", false, "rewrite golden files")
//
//	func TestLeads(t *testing.T) {
//		leadtest.Run(t, leadtest.Config{
//			From: "pipedrive", To: "copper",
//			Dir:     "testdata/leads",
//			Mapping: "testdata/mapping.json",
//			Update:  *update,
//		})
//	}
//
// # Inputs and goldens
//
// Every *.json and *.ndjson file directly in Config.Dir is an input,
// except golden files (*.golden.json) and the mapping file when it lies in
// the folder. An input holds any shape leadconv reads: one JSON object, a
// JSON array of objects, NDJSON, or a Pipedrive API envelope. The golden
// file of input <name>.json or <name>.ndjson is <name>.golden.json, beside
// it:
//
//	{
//	  "from": "pipedrive",
//	  "to": "copper",
//	  "records": [
//	    {
//	      "record": 1,
//	      "line": 1,
//	      "output": { ...the converted record... },
//	      "report": [ {"path": ..., "kind": ..., "reason": ..., "detail": ...} ]
//	    },
//	    {
//	      "record": 2,
//	      "line": 2,
//	      "errors": [ "value.currency: iso4217: invalid" ]
//	    }
//	  ]
//	}
//
// A record is numbered from 1 in input order; line is the line where it
// starts. A converted record has "output" and, when the conversion was not
// exact, "report"; a rejected record has "errors" instead ("path: rule",
// as lead.FieldError prints them). Golden files are deterministic: object
// keys are sorted, numbers keep their text (1500.50 stays 1500.50), report
// entries are sorted by path, kind, reason and detail, errors by their
// text; the indent is two spaces, the file ends in a newline, and nothing
// of the run (time, paths of the machine) is written.
//
// # Comparing
//
// Records are compared as decoded JSON values, record by record, and each
// record that differs is shown with its record number and line, as go-cmp
// diffs (-want +got) of the parts that differ: output, report, errors. Records added or removed at the end of an input
// are shown the same way. A golden file that matches structurally but not
// byte for byte (edited by hand, say) is a mismatch too, so that updating
// never rewrites a file that passes.
//
// # Updating
//
// The package registers no flags: a test binary may define its own
// -update, and two registrations of one name panic. Instead:
//
//   - Config.Update, usually wired to the test's own flag as above. A
//     package that already has an -update flag passes it; one that has
//     none defines it in one line.
//   - The environment variable LEADTEST_UPDATE=1, read by Run (not by
//     Check), for those who want no flag at all:
//     LEADTEST_UPDATE=1 go test ./...
//
// Updating writes every golden file, creates missing ones and deletes
// golden files whose input is gone; the test passes. Review the result
// with git diff before committing it.
//
// # Without Go
//
// The same check runs from the command line, with the same files:
//
//	leadconv golden --from pipedrive --to copper --mapping mapping.json DIR
//	leadconv golden --from pipedrive --to copper --mapping mapping.json --update DIR
//
// It exits 0 when every golden file matches, 1 with the diffs on standard
// output when one differs or is missing, and 2 for a usage or I/O error.
// Check is the function behind it.
package leadtest
