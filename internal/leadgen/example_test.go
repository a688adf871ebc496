package leadgen_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/leadbridge/leadbridge/internal/leadgen"
)

func ExamplePipedrive() {
	var out bytes.Buffer
	if err := leadgen.Pipedrive(&out, 3, leadgen.Options{Seed: 42}); err != nil {
		panic(err)
	}
	for _, line := range bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n")) {
		var lead struct {
			ID       string   `json:"id"`
			LabelIDs []string `json:"label_ids"`
		}
		err := json.Unmarshal(line, &lead)
		fmt.Println(err == nil, len(lead.ID), lead.LabelIDs != nil)
	}
	// Output:
	// true 36 true
	// true 36 true
	// true 36 true
}

func ExampleCopper() {
	var out bytes.Buffer
	if err := leadgen.Copper(&out, 2, leadgen.Options{Seed: 42}); err != nil {
		panic(err)
	}
	for _, line := range bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n")) {
		var lead struct {
			Name         string `json:"name"`
			CustomFields []any  `json:"custom_fields"`
		}
		err := json.Unmarshal(line, &lead)
		fmt.Println(err == nil, lead.Name != "", len(lead.CustomFields))
	}
	// Output:
	// true true 11
	// true true 11
}
