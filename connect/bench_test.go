package connect_test

// The throughput of the processor against the conversion loop leadconv
// runs, on the same generated leads and worker count:
//
//	go test -run '^$' -bench Throughput -benchtime 3x .
//
// Each iteration converts every lead of the file (100,000 Pipedrive
// leads from leadgen -seed 1 unless LEADBRIDGE_BENCH_LEADS names a
// file) to Copper with the bundled account set-up, and reports leads/s.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// benchLeads returns the benchmark's leads file, generating it once with
// cmd/leadgen.
func benchLeads(b *testing.B) string {
	b.Helper()
	if f := os.Getenv("LEADBRIDGE_BENCH_LEADS"); f != "" {
		return f
	}
	path := filepath.Join(os.TempDir(), "leadbridge-connect-bench-pipedrive-100000-seed1.ndjson")
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return path
	}
	tmp := path + fmt.Sprintf(".%d.tmp", os.Getpid())
	cmd := exec.Command("go", "run", "../cmd/leadgen", "-vendor", "pipedrive", "-n", "100000", "-seed", "1", "-o", tmp)
	cmd.Dir = "."
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("leadgen: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkThroughput compares leads/s of the leadbridge processor in a
// Benthos stream (file input, lines → processor on GOMAXPROCS pipeline
// threads → drop) with leadconv's loop: the same RecordConverter on as
// many workers, each converting lines into a reused buffer.
func BenchmarkThroughput(b *testing.B) {
	file := benchLeads(b)
	records := readLines(b, file)
	workers := runtime.GOMAXPROCS(0)

	b.Run(fmt.Sprintf("recordconverter/workers=%d", workers), func(b *testing.B) {
		rc := recordConverter(b, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)
		b.ResetTimer()
		for b.Loop() {
			var next atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					var out []byte
					for {
						i := int(next.Add(1)) - 1
						if i >= len(records) {
							return
						}
						var err error
						if out, _, err = rc.Convert(records[i], out[:0]); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
		}
		b.ReportMetric(float64(len(records))*float64(b.N)/b.Elapsed().Seconds(), "leads/s")
	})

	for _, report := range []string{"metadata", "none"} {
		b.Run(fmt.Sprintf("processor/report=%s/threads=%d", report, workers), func(b *testing.B) {
			env := newEnv(b)
			for b.Loop() {
				runBenchStream(b, env, file, report, workers, len(records))
			}
			b.ReportMetric(float64(len(records))*float64(b.N)/b.Elapsed().Seconds(), "leads/s")
		})
	}
}

// runBenchStream converts the leads of file in a stream and checks that
// n came out, none rejected.
func runBenchStream(b *testing.B, env *service.Environment, file, report string, threads, n int) {
	b.Helper()
	sb := env.NewStreamBuilder()
	sb.SetThreads(threads)
	if err := sb.SetLoggerYAML("level: off"); err != nil {
		b.Fatal(err)
	}
	err := sb.AddInputYAML(fmt.Sprintf(`
file:
  paths: [ %q ]
  scanner:
    lines:
      max_buffer_size: 16777216
`, file))
	if err != nil {
		b.Fatal(err)
	}
	err = sb.AddProcessorYAML(fmt.Sprintf(`
leadbridge:
  from: pipedrive
  to: copper
  mapping: %s
  pipedrive_account: %s
  copper_account: %s
  report: %s
`, mappingFile, pipedriveAccount, copperAccount, report))
	if err != nil {
		b.Fatal(err)
	}
	var count, rejected atomic.Int64
	err = sb.AddBatchConsumerFunc(func(_ context.Context, batch service.MessageBatch) error {
		for _, m := range batch {
			if m.GetError() != nil {
				rejected.Add(1)
			}
		}
		count.Add(int64(len(batch)))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	stream, err := sb.Build()
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := stream.Run(ctx); err != nil {
		b.Fatal(err)
	}
	if count.Load() != int64(n) || rejected.Load() != 0 {
		b.Fatalf("%d leads in, %d out, %d rejected", n, count.Load(), rejected.Load())
	}
}
