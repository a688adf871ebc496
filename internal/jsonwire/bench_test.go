package jsonwire_test

import (
	"encoding/json"
	"testing"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
)

// knownKeys are the keys of leadDoc that testLead has fields for.
var knownKeys = map[string]bool{
	"id": true, "title": true, "owner_id": true, "label_ids": true, "person_id": true,
	"organization_id": true, "source_name": true, "origin_id": true, "channel": true,
	"channel_id": true, "is_archived": true, "was_seen": true, "value": true,
	"expected_close_date": true, "next_activity_id": true, "add_time": true,
	"update_time": true, "visible_to": true, "cc_email": true,
}

// BenchmarkDecodeLead decodes leadDoc (a 22-key Pipedrive lead) four ways:
//
//   - jsonwire/scan: every key through Object and the typed readers,
//     strings as StringBytes, nothing kept: the scanner's own cost.
//   - jsonwire/struct: into testLead with decodeLead, strings allocated and
//     the custom fields kept as raw JSON, as an adapter does.
//   - encoding_json/struct: json.Unmarshal into testLead, the baseline; it
//     drops the custom fields.
//   - encoding_json/struct+unknown: json.Unmarshal into testLead and into a
//     map to find the custom fields, what encoding/json needs to see them.
//
// Run: go test ./internal/jsonwire -run '^$' -bench DecodeLead -benchmem
func BenchmarkDecodeLead(b *testing.B) {
	doc := []byte(leadDoc)
	b.Run("jsonwire/scan", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		d := jsonwire.NewDecoder(doc)
		var sink int
		for b.Loop() {
			d.Reset(doc)
			if err := scanLead(d, &sink); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jsonwire/struct", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		d := jsonwire.NewDecoder(doc)
		for b.Loop() {
			var l testLead
			d.Reset(doc)
			if err := decodeLead(d, &l); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json/struct", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		for b.Loop() {
			var l testLead
			if err := json.Unmarshal(doc, &l); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json/struct+unknown", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		for b.Loop() {
			var l testLead
			if err := json.Unmarshal(doc, &l); err != nil {
				b.Fatal(err)
			}
			var all map[string]json.RawMessage
			if err := json.Unmarshal(doc, &all); err != nil {
				b.Fatal(err)
			}
			for k, v := range all {
				if !knownKeys[k] {
					if l.Custom == nil {
						l.Custom = make(map[string]json.RawMessage)
					}
					l.Custom[k] = v
				}
			}
		}
	})
}

// BenchmarkRaw checks and skips leadDoc as one value.
func BenchmarkRaw(b *testing.B) {
	doc := []byte(leadDoc)
	b.Run("jsonwire", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		d := jsonwire.NewDecoder(doc)
		for b.Loop() {
			d.Reset(doc)
			if _, err := d.Raw(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json/Valid", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		b.ReportAllocs()
		for b.Loop() {
			if !json.Valid(doc) {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkAppendString writes the lead's title, which needs escapes.
func BenchmarkAppendString(b *testing.B) {
	s := "Jürgen Müller GmbH – renewal \"Gold\"\n<b>VIP</b>"
	buf := make([]byte, 0, 128)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		buf = jsonwire.AppendString(buf[:0], s)
	}
}
