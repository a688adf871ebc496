package stream

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/lead"
)

// FuzzSplit splits arbitrary input with a tiny and a default buffer.
// Run: go test ./internal/stream -run '^$' -fuzz '^FuzzSplit$' -fuzztime 60s
//
// Oracle: no panic and no hang (splitAll fails if records outnumber input
// bytes); each record's Data is the input at its Offset, records do not
// overlap, and records plus skipped bytes account for the whole input
// (splitAll); the records do not depend on the buffer size; and when the
// input is a valid JSON value or valid NDJSON, every record with bytes is a
// valid JSON value and no record is rejected as malformed.
func FuzzSplit(f *testing.F) {
	for _, seed := range []string{
		`{"a":1}`,
		"[{\"a\":1},\n{\"b\":[1,2]}]",
		"{\"a\":1}\n\n{\"b\":\"x\\\"y\"}\n",
		`{"success":true,"data":[{"id":1},{"id":2}],"additional_data":{"pagination":{"start":0}}}`,
		`{"data":{"id":1},"success":true}`,
		`{"success":false,"error":"Lead not found","data":null}`,
		"\xef\xbb\xbf[{\"a\":1}]",
		"[{\"a\":1},{\"b\":",
		"{\"a\":1\n{\"b\":2}\ngarbage\n{\"c\":\"x\n",
		`[1,"x",null,[2],{"a":[1}, x,]`,
		`{"success":true,"data":[{"id":1}],"x" 1}`,
	} {
		f.Add([]byte(seed), uint16(0))
		f.Add([]byte(seed), uint16(9))
	}
	f.Fuzz(func(t *testing.T, in []byte, limit uint16) {
		opt := Options{MaxRecordBytes: int(limit)}
		_, big := splitAll(t, in, opt)
		opt.BufferSize = 1
		recs, small := splitAll(t, in, opt)
		if diff := cmp.Diff(big, small); diff != "" {
			t.Fatalf("records depend on the buffer size (-64KiB +1B):\n%s", diff)
		}
		if !json.Valid(in) && !validNDJSON(in) {
			return
		}
		for i, r := range recs {
			if r.Data == nil {
				continue
			}
			if !json.Valid(r.Data) {
				t.Fatalf("record %d of valid input is not valid JSON: %q", i, r.Data)
			}
			if errors.Is(r.Err, lead.ErrMalformed) {
				t.Fatalf("record %d of valid input is rejected as malformed: %v", i, r.Err)
			}
		}
	})
}

// validNDJSON reports whether in has at least one line and every line that
// is not blank is a valid JSON value.
func validNDJSON(in []byte) bool {
	n := 0
	for line := range bytes.Lines(in) {
		if len(bytes.Trim(line, " \t\r\n")) == 0 { // JSON whitespace only
			continue
		}
		if !json.Valid(line) {
			return false
		}
		n++
	}
	return n > 0
}
