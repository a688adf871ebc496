package leadgen

import (
	"io"
	"testing"
)

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// benchmark generates 10,000 leads per iteration into io.Discard and
// reports MB/s of NDJSON written.
func benchmark(b *testing.B, gen func(io.Writer, int, Options) error) {
	const perOp = 10000
	var cw countWriter
	if err := gen(&cw, perOp, Options{Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(cw.n)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := gen(io.Discard, perOp, Options{Seed: uint64(i)}); err != nil {
			b.Fatal(err)
		}
	}
}

// Run: go test ./internal/leadgen -run '^$' -bench .
func BenchmarkPipedrive(b *testing.B) { benchmark(b, Pipedrive) }
func BenchmarkCopper(b *testing.B)    { benchmark(b, Copper) }
