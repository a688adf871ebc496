package stream

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/leadbridge/leadbridge/internal/leadgen"
)

// benchSize is the size of the generated benchmark inputs.
const benchSize = 50 << 20

// benchInputs returns ~50 MB of generated Pipedrive leads as NDJSON and as
// one JSON array of the same leads.
var benchInputs = sync.OnceValues(func() (ndjson, array []byte) {
	var buf bytes.Buffer
	for buf.Len() < benchSize {
		if err := leadgen.Pipedrive(&buf, 10000, leadgen.Options{Seed: uint64(buf.Len())}); err != nil {
			panic(err)
		}
	}
	ndjson = buf.Bytes()
	array = make([]byte, 0, len(ndjson)+2)
	array = append(array, '[')
	for line := range bytes.Lines(ndjson) {
		if len(array) > 1 {
			array = append(array, ",\n"...)
		}
		array = append(array, bytes.TrimSuffix(line, []byte{'\n'})...)
	}
	array = append(array, ']')
	return ndjson, array
})

// Run: go test ./internal/stream -run '^$' -bench Split -benchmem
func BenchmarkSplitNDJSON(b *testing.B) {
	in, _ := benchInputs()
	benchSplit(b, in)
}

func BenchmarkSplitArray(b *testing.B) {
	_, in := benchInputs()
	benchSplit(b, in)
}

func benchSplit(b *testing.B, in []byte) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var r bytes.Reader
	for b.Loop() {
		r.Reset(in)
		s := NewSplitter(&r, "bench", Options{})
		n := 0
		for {
			rec, err := s.Next()
			if err == io.EOF {
				break
			}
			if err != nil || rec.Err != nil {
				b.Fatalf("record %d: %v %v", n, err, rec.Err)
			}
			n++
		}
		if n == 0 {
			b.Fatal("no records")
		}
	}
}
