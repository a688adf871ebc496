package leadtest_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/leadbridge/leadbridge/leadtest"
)

// Pinning a conversion: the first check writes the golden file beside the
// input, the next ones compare with it. In a test, leadtest.Run does the
// same and reports differences with t.Errorf.
func Example() {
	dir, err := os.MkdirTemp("", "leads")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	leads := `{"id":"3f6c1b20-6a2e-11ee-9d41-3b7c5e2a9f10","title":"Anna Schäfer lead","owner_id":11208433,"value":{"amount":1500.50,"currency":"EUR"}}
{"id":"3f6c1b21-6a2e-11ee-9d41-3b7c5e2a9f10","title":"Ben Okafor lead","owner_id":11208434,"value":null}
`
	if err := os.WriteFile(filepath.Join(dir, "leads.ndjson"), []byte(leads), 0o644); err != nil {
		panic(err)
	}
	mapping := `{"users": [{"pipedrive": 11208433, "copper": 814201}, {"pipedrive": 11208434, "copper": 851377}]}`
	if err := os.WriteFile(filepath.Join(dir, "mapping.json"), []byte(mapping), 0o644); err != nil {
		panic(err)
	}

	c := leadtest.Config{From: "pipedrive", To: "copper", Dir: dir, Mapping: filepath.Join(dir, "mapping.json")}
	c.Update = true
	res, err := leadtest.Check(c)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Files[0].Status, filepath.Base(res.Files[0].Golden), res.Records(), "records")

	c.Update = false
	res, err = leadtest.Check(c)
	if err != nil {
		panic(err)
	}
	fmt.Println("ok:", res.OK())

	golden, err := os.ReadFile(filepath.Join(dir, "leads.golden.json"))
	if err != nil {
		panic(err)
	}
	fmt.Print(string(golden))
	// Output:
	// written leads.golden.json 2 records
	// ok: true
	// {
	//   "from": "pipedrive",
	//   "to": "copper",
	//   "records": [
	//     {
	//       "record": 1,
	//       "line": 1,
	//       "output": {
	//         "assignee_id": 814201,
	//         "monetary_unit": "EUR",
	//         "monetary_value": 1500.50,
	//         "name": "Anna Schäfer lead"
	//       },
	//       "report": [
	//         {
	//           "path": "id",
	//           "kind": "dropped",
	//           "reason": "Copper assigns lead ids; another system's id has no place in a Copper lead",
	//           "loss": "target_sets"
	//         },
	//         {
	//           "path": "title",
	//           "kind": "derived",
	//           "reason": "no person record; the lead title stands in for the contact name",
	//           "detail": "Anna Schäfer lead"
	//         }
	//       ]
	//     },
	//     {
	//       "record": 2,
	//       "line": 2,
	//       "output": {
	//         "assignee_id": 851377,
	//         "name": "Ben Okafor lead"
	//       },
	//       "report": [
	//         {
	//           "path": "id",
	//           "kind": "dropped",
	//           "reason": "Copper assigns lead ids; another system's id has no place in a Copper lead",
	//           "loss": "target_sets"
	//         },
	//         {
	//           "path": "title",
	//           "kind": "derived",
	//           "reason": "no person record; the lead title stands in for the contact name",
	//           "detail": "Ben Okafor lead"
	//         }
	//       ]
	//     }
	//   ]
	// }
}
