package pipedrive

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func TestEnvelopeGolden(t *testing.T) {
	tests := []struct {
		file   string
		status int
		list   bool
	}{
		{"envelope_single", 200, false},
		{"envelope_list", 200, true},
		{"error_400", 400, false},
		{"error_401", 401, false},
		{"error_404", 404, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := testkit.MustRead(t, filepath.Join(corpus, tt.file+".json"))
			var got struct {
				Envelope any      `json:"envelope,omitempty"`
				APIError any      `json:"api_error,omitempty"`
				Message  string   `json:"message,omitempty"`
				Errors   []string `json:"errors,omitempty"`
			}
			var err error
			if tt.list {
				var env ListEnvelope
				env, err = DecodeListEnvelope(tt.status, data)
				if err == nil {
					got.Envelope = env
				}
			} else {
				var env Envelope
				env, err = DecodeEnvelope(tt.status, data)
				if err == nil {
					got.Envelope = env
				}
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				got.APIError, got.Message = apiErr, apiErr.Error()
			} else {
				got.Errors = testkit.ErrorLines(err)
			}
			golden.CheckJSON(t, filepath.Join(corpus, "envelope", tt.file+".golden.json"), got)
		})
	}
}

func TestAdditionalDataShapes(t *testing.T) {
	for _, in := range []string{
		`{"start":0,"limit":100,"more_items_in_collection":true,"next_start":100}`,
		`{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}`,
	} {
		var a AdditionalData
		if err := json.Unmarshal([]byte(in), &a); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, _ := json.Marshal(a)
		if !testkit.JSONEqual(out, []byte(in)) {
			t.Errorf("%s → %s", in, out)
		}
	}
	data := testkit.MustRead(t, filepath.Join(corpus, "envelope_search.json"))
	var env struct {
		AdditionalData AdditionalData `json:"additional_data"`
	}
	if err := json.Unmarshal(data, &env); err != nil || !env.AdditionalData.Nested || env.AdditionalData.Limit != 100 {
		t.Errorf("search pagination: %+v %v", env.AdditionalData, err)
	}
}

func TestEnvelopeErrorPaths(t *testing.T) {
	_, err := DecodeListEnvelope(200, []byte(`{"success":true,"data":[{"title":"x"},{"value":{"amount":"1","currency":"EUR"}}]}`))
	var fe *lead.FieldError
	if !errors.As(err, &fe) || fe.Path != "data[1].value.amount" || !errors.Is(err, lead.ErrType) {
		t.Fatalf("err = %v", err)
	}
}
