//go:build unix

package connect_test

// The throughput of the processor against leadconv, on the same
// generated leads and worker count:
//
//	go test -run '^$' -bench Throughput -benchtime 3x .
//
// Each iteration converts every lead of the file (100,000 Pipedrive
// leads from leadgen -seed 1, or the NDJSON file LEADBRIDGE_BENCH_LEADS
// names) to Copper with the bundled account set-up, GOMAXPROCS workers
// or pipeline threads, and reports leads/s and the CPU time per lead
// (user and system, of the process that converts). The machine's other
// load slows the wall clock of both alike only when it is steady: on a
// shared machine compare cpu-µs/lead.
//
//   - leadconv: the leadconv command, converting the file to a pipe,
//     without and with --report.
//   - leadbridge-connect: the leadbridge-connect command, a file input
//     (lines, in batches of 64 as in examples/file-to-file.yaml) →
//     leadbridge → stdout, to a pipe, with report: none and report:
//     metadata (the default).
//   - recordconverter: leadconv's loop in this process: the
//     RecordConverter on as many goroutines, into reused buffers.
//   - processor: a stream in this process: file input (batches of 64) →
//     leadbridge → a consumer that counts (the garbage collector at GOGC=100, where
//     leadbridge-connect runs at 400).

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/leadbridge/leadbridge/connect"
	"github.com/leadbridge/leadbridge/convert"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// benchLeads returns the benchmark's leads file, generating it with
// cmd/leadgen into dir.
func benchLeads(b *testing.B, dir string) string {
	b.Helper()
	if f := os.Getenv("LEADBRIDGE_BENCH_LEADS"); f != "" {
		return f
	}
	path := filepath.Join(dir, "pipedrive-100000-seed1.ndjson")
	goCmd(b, "..", "run", "./cmd/leadgen", "-vendor", "pipedrive", "-n", "100000", "-seed", "1", "-o", path)
	return path
}

// goCmd runs the go command with args in the folder dir (".." is the
// library's module).
func goCmd(b *testing.B, dir string, args ...string) {
	b.Helper()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go %v: %v\n%s", args, err, out)
	}
}

// cpuTime returns the user and system time of this process so far.
func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// report reports leads/s and CPU µs per lead.
func report(b *testing.B, leads int, cpu time.Duration) {
	n := float64(leads) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "leads/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/lead")
	b.ReportMetric(0, "ns/op") // one op is the whole file: leads/s says it better
}

func BenchmarkThroughput(b *testing.B) {
	dir := b.TempDir()
	file := benchLeads(b, dir)
	records := readLines(b, file)
	workers := runtime.GOMAXPROCS(0)
	leadconv, connectCmd := filepath.Join(dir, "leadconv"), filepath.Join(dir, "leadbridge-connect")
	goCmd(b, "..", "build", "-o", leadconv, "./cmd/leadconv")
	goCmd(b, ".", "build", "-o", connectCmd, "./cmd/leadbridge-connect")
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			b.Fatal(err)
		}
		return a
	}
	config := func(report string) string {
		path := filepath.Join(dir, "bench-"+report+".yaml")
		err := os.WriteFile(path, fmt.Appendf(nil, `
input:
  broker:
    inputs:
      - file:
          paths: [ %q ]
          scanner:
            lines:
              max_buffer_size: 16777216
    batching:
      count: 64
      period: 20ms
pipeline:
  threads: %d
  processors:
    - leadbridge:
        from: pipedrive
        to: copper
        mapping: %q
        pipedrive_account: %q
        copper_account: %q
        report: %s
output:
  stdout:
    codec: lines
logger: { level: warn }
http: { enabled: false }
`, file, workers, abs(mappingFile), abs(pipedriveAccount), abs(copperAccount), report), 0o644)
		if err != nil {
			b.Fatal(err)
		}
		return path
	}

	// leadconv writes no report unless asked to (--report); the
	// processor writes one to the metadata unless asked not to.
	for _, withReport := range []bool{false, true} {
		b.Run(fmt.Sprintf("leadconv/report=%v/workers=%d", withReport, workers), func(b *testing.B) {
			args := []string{"convert", "--from", "pipedrive", "--to", "copper",
				"--workers", fmt.Sprint(workers), "--mapping", mappingFile,
				"--pipedrive-account", pipedriveAccount, "--copper-account", copperAccount,
				"--progress", "never", file}
			if withReport {
				args = append(args, "--report", filepath.Join(dir, "report.ndjson"))
			}
			var cpu time.Duration
			for b.Loop() {
				cpu += runCommand(b, len(records), leadconv, args...)
			}
			report(b, len(records), cpu)
		})
	}
	for _, rep := range []string{connect.ReportNone, connect.ReportMetadata} {
		b.Run(fmt.Sprintf("leadbridge-connect/report=%s/threads=%d", rep, workers), func(b *testing.B) {
			conf := config(rep)
			var cpu time.Duration
			for b.Loop() {
				cpu += runCommand(b, len(records), connectCmd, "-c", conf)
			}
			report(b, len(records), cpu)
		})
	}

	b.Run(fmt.Sprintf("recordconverter/workers=%d", workers), func(b *testing.B) {
		rc := recordConverter(b, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)
		start := cpuTime(b)
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
		report(b, len(records), cpuTime(b)-start)
	})
	for _, rep := range []string{connect.ReportNone, connect.ReportMetadata} {
		b.Run(fmt.Sprintf("processor/report=%s/threads=%d", rep, workers), func(b *testing.B) {
			env := newEnv(b)
			start := cpuTime(b)
			for b.Loop() {
				runBenchStream(b, env, file, rep, workers, len(records))
			}
			report(b, len(records), cpuTime(b)-start)
		})
	}
}

// runCommand runs a command that writes one line per lead to its
// standard output, checks that it wrote leads lines, and returns its CPU
// time.
func runCommand(b *testing.B, leads int, name string, args ...string) time.Duration {
	b.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	lines := 0
	r := bufio.NewReaderSize(out, 1<<20)
	for {
		chunk, err := r.ReadSlice('\n')
		lines += bytes.Count(chunk, []byte{'\n'})
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			b.Fatal(err)
		}
	}
	if err := cmd.Wait(); err != nil {
		b.Fatalf("%s: %v\n%s", name, err, stderr.Bytes())
	}
	if lines != leads {
		b.Fatalf("%s wrote %d lines for %d leads\n%s", name, lines, leads, stderr.Bytes())
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
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
broker:
  inputs:
    - file:
        paths: [ %q ]
        scanner:
          lines:
            max_buffer_size: 16777216
  batching:
    count: 64
    period: 20ms
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
