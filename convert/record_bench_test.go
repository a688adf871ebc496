package convert

import (
	"encoding/json"
	"testing"
)

// BenchmarkConvert measures the full per-record conversion (decode,
// ToLead, remap, FromLead or LeadObject, encode, validation and report) in
// each direction over generated leads, next to the floor: decoding each
// record into a map and encoding it again with encoding/json, which
// translates nothing. Compare the ratio of the two in one run.
//
//	go test ./convert -run '^$' -bench Convert -benchmem
func BenchmarkConvert(b *testing.B) {
	c := sample(b)
	for _, pair := range [][2]Format{
		{Pipedrive, Copper}, {Copper, Pipedrive}, {Pipedrive, Pipedrive}, {Copper, Copper}, {Pipedrive, Canonical},
	} {
		recs := generate(b, pair[0], 1000, 3)
		conv, err := NewRecordConverter(pair[0], pair[1], c)
		if err != nil {
			b.Fatal(err)
		}
		size := 0
		for _, r := range recs {
			size += len(r)
		}
		b.Run(string(pair[0])+"→"+string(pair[1]), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size / len(recs)))
			var out []byte
			i := 0
			for b.Loop() {
				out, _, _ = conv.Convert(recs[i%len(recs)], out[:0])
				i++
			}
		})
		b.Run(string(pair[0])+"/floor-encoding-json-map", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size / len(recs)))
			i := 0
			for b.Loop() {
				var v map[string]any
				if err := json.Unmarshal(recs[i%len(recs)], &v); err != nil {
					b.Fatal(err)
				}
				if _, err := json.Marshal(v); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
