package convert_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/copper"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

const exampleMapping = `{
  "users": [{"pipedrive": 11208433, "copper": 814201}],
  "labels": [{"pipedrive": "5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01", "name": "Hot", "copper": "hot"}],
  "status": {
    "to_copper": {"archived": "Unqualified", "seen": "Contacted", "other": "New"},
    "to_pipedrive": [{"copper": "New"}, {"copper": "Contacted", "seen": true}]
  },
  "visibility": {"plan": "growth", "visible_to": "3"}
}`

func printReport(rep lead.Report) {
	for _, c := range rep {
		kind := string(c.Kind)
		if c.Loss != "" {
			kind += " (" + string(c.Loss) + ")"
		}
		fmt.Printf("%s: %s: %s", c.Path, kind, c.Reason)
		if c.Detail != "" {
			fmt.Printf(" (%s)", c.Detail)
		}
		fmt.Println()
	}
}

func ExampleConverter_PipedriveToCopper() {
	m, err := convert.ParseMapping([]byte(exampleMapping))
	if err != nil {
		log.Fatal(err)
	}
	dir := &convert.MemoryDirectory{}
	dir.PutPipedrivePerson(convert.Person{ID: 2101, Name: "Anna Schäfer",
		Emails: []lead.Email{{Address: "anna@brandt.example", Category: "work"}}, OrganizationName: "Brandt GmbH"})
	in, err := pipedrive.DecodeLead([]byte(`{"title": "Brandt – rollout", "owner_id": 11208433, "person_id": 2101,
		"label_ids": ["5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01"], "was_seen": true, "visible_to": "3"}`))
	if err != nil {
		log.Fatal(err)
	}
	c := convert.Converter{Mapping: m, Directory: dir}
	body, rep, err := c.PipedriveToCopper(in)
	if err != nil {
		log.Fatal(err)
	}
	b, _ := body.MarshalJSON()
	fmt.Println(string(b))
	printReport(rep)
	// Output:
	// {"name":"Anna Schäfer","assignee_id":814201,"company_name":"Brandt GmbH","email":{"email":"anna@brandt.example","category":"work"},"status":"Contacted","tags":["hot"]}
	// company_name: derived: the company name comes from the linked person's organization (from pipedrive person 2101)
	// email: derived: the email comes from the linked person (from pipedrive person 2101)
	// name: derived: the contact name comes from the linked person (from pipedrive person 2101)
	// person_id: derived: the linked person's contact data is copied; Copper leads carry no links (from pipedrive person 2101)
	// title: dropped (no_place): Copper leads have no subject; the title is neither the contact's name nor a job title (Brandt – rollout)
	// visible_to: dropped (no_place): Copper leads have no visibility (entire_company)
	// was_seen: derived: the Copper status comes from is_archived and was_seen by the mapping (is_archived false, was_seen true became Contacted)
}

func ExampleConverter_CopperToPipedrive() {
	m, err := convert.ParseMapping([]byte(exampleMapping))
	if err != nil {
		log.Fatal(err)
	}
	in, err := copper.DecodeLead([]byte(`{"id": 9001, "name": "Anna Schäfer", "company_name": "Brandt GmbH",
		"email": {"email": "anna@brandt.example", "category": "work"}, "assignee_id": 814201,
		"status": "Contacted", "tags": ["hot", "vip"]}`))
	if err != nil {
		log.Fatal(err)
	}
	c := convert.Converter{Mapping: m} // no Directory: person and organization are created first
	bundle, rep, err := c.CopperToPipedrive(in)
	if err != nil {
		log.Fatal(err)
	}
	b, _ := json.MarshalIndent(bundle, "", "  ")
	fmt.Println(string(b))
	printReport(rep)
	// Output:
	// {
	//   "organization": {
	//     "name": "Brandt GmbH",
	//     "owner_id": 11208433,
	//     "visible_to": "3"
	//   },
	//   "person": {
	//     "name": "Anna Schäfer",
	//     "owner_id": 11208433,
	//     "email": [
	//       {
	//         "value": "anna@brandt.example",
	//         "primary": true,
	//         "label": "work"
	//       }
	//     ],
	//     "visible_to": "3"
	//   },
	//   "lead": {
	//     "title": "Brandt GmbH – Anna Schäfer",
	//     "owner_id": 11208433,
	//     "label_ids": [
	//       "5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01"
	//     ],
	//     "visible_to": "3",
	//     "was_seen": true
	//   },
	//   "$refs": {
	//     "lead.organization_id": "organization",
	//     "lead.person_id": "person",
	//     "person.org_id": "organization"
	//   }
	// }
	// company_name: derived: a new Pipedrive organization is created first from the company name (Brandt GmbH)
	// id: dropped (target_sets): Pipedrive assigns lead ids; another system's id has no place in a Pipedrive lead
	// name: derived: Pipedrive requires a lead title; the title template builds it (Brandt GmbH – Anna Schäfer)
	// name: derived: a new Pipedrive person is created first from the contact data (Anna Schäfer)
	// status: derived: is_archived and was_seen come from the status by the mapping (Contacted became is_archived false, was_seen true)
	// tags[1]: dropped (unmapped): the tag has no Pipedrive label in the mapping's labels (vip)
	// visible_to: defaulted: Copper leads have no visibility; the mapping's visibility applies (3)
}
