// Package exportjson decodes the account exports the adapters and the
// directory read (lists of deal fields, lead labels, currencies, persons,
// organizations, users) with encoding/json, element by element, so that
// every error is a *lead.FieldError naming the element and the key
// ("data[3].owner_id: want number"), never a Go type.
package exportjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/leadbridge/leadbridge/lead"
)

// PipedriveList decodes a Pipedrive list response {"success": true,
// "data": [...]}; a bare array is accepted too. Errors are FieldErrors
// naming the element: "data[3].owner_id: want number".
func PipedriveList[T any](b []byte) ([]T, error) {
	var env struct {
		Success *bool           `json:"success"`
		Data    json.RawMessage `json:"data"`
	}
	trimmed := strings.TrimSpace(string(b))
	path := ""
	if strings.HasPrefix(trimmed, "[") {
		env.Data = b
	} else {
		if err := json.Unmarshal(b, &env); err != nil {
			return nil, Error("", err)
		}
		if env.Success != nil && !*env.Success {
			return nil, &lead.FieldError{Path: "success", Rule: "response has success false", Err: lead.ErrInvalid}
		}
		path = "data"
	}
	if len(env.Data) == 0 || string(env.Data) == "null" {
		return nil, nil
	}
	return DecodeList[T](env.Data, path)
}

// DecodeList decodes the JSON array b at path element by element, so that
// an error names the element ("[3].id: want number"); encoding/json names
// only the struct fields. It returns the elements that decoded and the
// errors of the others.
func DecodeList[T any](b []byte, path string) ([]T, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, Error(path, err)
	}
	out := make([]T, 0, len(raw))
	var errs lead.ErrorList
	for i, r := range raw {
		var v T
		if err := json.Unmarshal(r, &v); err != nil {
			errs.Append("", Error(path+lead.IndexPath(i), err))
			continue
		}
		out = append(out, v)
	}
	return out, errs.Err()
}

// Error turns an error of encoding/json into a FieldError at path: a
// syntax error wraps lead.ErrMalformed, a wrong type lead.ErrType with the
// field's path. Rules never quote the input.
func Error(path string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &lead.FieldError{Path: path, Rule: "json", Err: fmt.Errorf("%w: %v", lead.ErrMalformed, err)}
	case errors.As(err, &te):
		return &lead.FieldError{Path: lead.JoinPath(path, te.Field), Rule: "want " + KindOf(te.Type), Err: lead.ErrType}
	}
	return &lead.FieldError{Path: path, Rule: "invalid", Err: err}
}

// KindOf names the JSON kind a Go type decodes from.
func KindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	default:
		return "object"
	}
}
