// Command quickstart is "the library in five minutes" of leadbridge's
// README, as a whole program: it reads a bundled Pipedrive lead, translates
// it to the canonical lead and back, builds a PATCH body, converts it to
// Copper's POST /leads body with the sample mapping and accounts, and
// converts raw record bytes with the per-record API.
//
// Run it from the repository's root:
//
//	go run ./example/quickstart
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

func main() {
	if err := run(os.Stdout, "testdata"); err != nil {
		log.Fatal(err)
	}
}

// run does the five steps on the corpus under root and prints what each
// gives to w.
func run(w io.Writer, root string) error {
	// 1. Decode a Pipedrive lead (the "data" of GET /v1/leads/{id}). Errors are a
	//    lead.ErrorList naming the path: value.amount: want number, got string
	body, err := os.ReadFile(filepath.Join(root, "pipedrive", "leads", "full.json"))
	if err != nil {
		return err
	}
	in, err := pipedrive.DecodeLead(body)
	if err != nil {
		return err
	}

	// 2. Translate it to the canonical lead. The zero Translator works; loaded from the
	//    account's exports (dealFields.json, leadLabels.json) it types the custom fields.
	tr, err := convert.LoadPipedriveAccount(filepath.Join(root, "pipedrive"))
	if err != nil {
		return err
	}
	tr.Plan = pipedrive.PlanPremium // gives visible_to its meaning
	l, report, err := tr.ToLead(in)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Title)
	fmt.Fprintln(w, lead.FormatDecimal(l.Value.Amount), l.Value.Currency, l.Visibility, len(l.CustomFields), "custom fields,", len(report), "report entries")

	// 3. Back to Pipedrive: LeadObject gives the input's JSON value again; UpdateRequest
	//    the PATCH body between two leads: changed fields only, null to unset.
	obj, _, err := tr.LeadObject(l)
	if err != nil {
		return err
	}
	same, err := pipedrive.DecodeLead(obj.AppendJSON(nil))
	if err != nil {
		return err
	}
	back, _, err := tr.ToLead(same)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "round trip keeps the title:", back.Title == l.Title)
	after := l.Clone() // a deep copy: Lead holds pointers and slices
	after.Title = "Brandt & Söhne – Analytics Cloud rollout (250 seats)"
	after.ExpectedCloseDate = nil
	patch, _, err := tr.UpdateRequest(l, after)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, string(patch.AppendJSON(nil)))

	// 4. To Copper, with the mapping of ids between the two accounts and their exports.
	c, err := convert.Setup{
		MappingFile:      filepath.Join(root, "mapping.json"),
		PipedriveAccount: filepath.Join(root, "pipedrive"),
		CopperAccount:    filepath.Join(root, "copper"),
	}.Converter()
	if err != nil {
		return err
	}
	copperBody, report, err := c.PipedriveToCopper(in) // the body of Copper's POST /leads
	if err != nil {
		return err
	}
	fmt.Fprintln(w, string(copperBody.AppendJSON(nil)))
	for _, ch := range report.Redact() { // every field dropped, derived, changed or defaulted, and why
		fmt.Fprintln(w, ch.Path, ch.Kind, ch.Reason)
	}

	// 5. The same per record, bytes in and bytes out: what leadconv runs. Build it once;
	//    it is safe for concurrent use.
	rc, err := convert.NewRecordConverter(convert.Pipedrive, convert.Copper, c)
	if err != nil {
		return err
	}
	out, _, err := rc.Convert(body, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "same bytes as step 4:", string(out) == string(copperBody.AppendJSON(nil)))
	return nil
}
