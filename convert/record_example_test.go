package convert_test

import (
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"sync"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
)

// The per-record API: build a RecordConverter once from the two formats and
// the account set-up, then convert the bytes of one record at a time,
// appending to a buffer. It is safe for concurrent use.
func ExampleNewRecordConverter() {
	c, err := convert.Setup{
		MappingFile:      filepath.Join("..", "testdata", "mapping.json"),
		PipedriveAccount: filepath.Join("..", "testdata", "pipedrive"),
		CopperAccount:    filepath.Join("..", "testdata", "copper"),
	}.Converter()
	if err != nil {
		log.Fatal(err)
	}
	rc, err := convert.NewRecordConverter(convert.Pipedrive, convert.Copper, c)
	if err != nil {
		log.Fatal(err)
	}
	records := [][]byte{
		[]byte(`{"title": "Brandt – rollout", "person_id": 2101, "owner_id": 12776251, "value": {"amount": 1500.50, "currency": "EUR"}}`),
		[]byte(`{"title": "Acme", "organization_id": 501, "value": {"amount": "12", "currency": "EUR"}}`),
	}
	var out []byte
	for i, rec := range records {
		var rep lead.Report
		out, rep, err = rc.Convert(rec, out[:0])
		var list lead.ErrorList
		if errors.As(err, &list) { // a rejected record: every broken rule, with its path
			for _, fe := range list {
				fmt.Printf("record %d rejected: %v\n", i, fe)
			}
			continue
		}
		fmt.Printf("record %d: %s\n", i, out)
		for _, ch := range rep {
			fmt.Printf("  %s %s\n", ch.Path, ch.Kind)
		}
	}
	// Output:
	// record 0: {"name":"Anna Schäfer","assignee_id":814202,"company_name":"Brandt & Söhne GmbH","email":{"email":"anna.schaefer@brandt-soehne.de","category":"work"},"monetary_value":1500.50,"monetary_unit":"EUR","phone_numbers":[{"number":"+49 30 9018 2044","category":"work"},{"number":"+49 171 5550 193","category":"mobile"}]}
	//   company_name derived
	//   email derived
	//   name derived
	//   person_id derived
	//   phone_numbers derived
	//   title dropped
	// record 1 rejected: value.amount: want number, got string
}

// One RecordConverter serves every goroutine; each keeps its own buffer.
func ExampleRecordConverter_Convert_concurrent() {
	rc, err := convert.NewRecordConverter(convert.Canonical, convert.Pipedrive, convert.Converter{})
	if err != nil {
		log.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := range results {
		wg.Go(func() {
			rec := fmt.Appendf(nil, `{"title": "Lead %d", "organization": {"system": "pipedrive", "id": "%d"}}`, i, 500+i)
			out, _, err := rc.Convert(rec, nil)
			if err != nil {
				results[i] = err.Error()
				return
			}
			results[i] = string(out)
		})
	}
	wg.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
	// Output:
	// {"title":"Lead 0","organization_id":500}
	// {"title":"Lead 1","organization_id":501}
	// {"title":"Lead 2","organization_id":502}
}
