package connect_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leadbridge/leadbridge/connect"
	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/lead"
	"github.com/redpanda-data/benthos/v4/public/service"

	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
)

// The bundled samples, from the repository's testdata.
const (
	mappingFile      = "../testdata/mapping.json"
	pipedriveAccount = "../testdata/pipedrive"
	copperAccount    = "../testdata/copper"
	pipedriveLeads   = "../testdata/pipedrive/leads.ndjson"
	copperLeads      = "../testdata/copper/leads.ndjson"
)

// newEnv returns the environment leadbridge-connect runs.
func newEnv(t testing.TB) *service.Environment {
	t.Helper()
	env, err := connect.NewEnvironment()
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// readLines returns the non-empty lines of an NDJSON file.
func readLines(t testing.TB, path string) [][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]byte
	s := bufio.NewScanner(f)
	s.Buffer(nil, 16<<20)
	for s.Scan() {
		if len(bytes.TrimSpace(s.Bytes())) > 0 {
			lines = append(lines, bytes.Clone(s.Bytes()))
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// recordConverter returns the RecordConverter leadconv builds from the
// same flags (cmd/leadconv: newConverter).
func recordConverter(t testing.TB, from, to convert.Format, mapping, pdAccount, cpAccount string, strict bool) *convert.RecordConverter {
	t.Helper()
	s := convert.Setup{PipedriveAccount: pdAccount, CopperAccount: cpAccount, Strict: strict}
	if mapping != "" {
		b, err := os.ReadFile(mapping)
		if err != nil {
			t.Fatal(err)
		}
		s.Mapping, s.MappingFile = b, mapping
	}
	c, err := s.Converter()
	if err != nil {
		t.Fatal(err)
	}
	rc, err := convert.NewRecordConverter(from, to, c)
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

// A result is what came out of the stream for one input record.
type result struct {
	Bytes string
	Err   string            // the message's error text; empty when not errored
	Meta  map[string]string // the metadata the test asks for
}

// runProcessors sends records through the processors procs (YAML, one
// processor each) in batches of batchSize on threads pipeline threads,
// and returns what came out for each record, by its index. It fails the
// test when a record comes out twice or not at all.
func runProcessors(t *testing.T, env *service.Environment, procs []string, records [][]byte, batchSize, threads int, metaKeys ...string) []result {
	t.Helper()
	sb := env.NewStreamBuilder()
	if err := sb.SetLoggerYAML("level: off"); err != nil {
		t.Fatal(err)
	}
	sb.SetThreads(threads)
	produce, err := sb.AddBatchProducerFunc()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range procs {
		if err := sb.AddProcessorYAML(p); err != nil {
			t.Fatal(err)
		}
	}
	results := make([]result, len(records))
	seen := make([]int, len(records))
	var mu sync.Mutex
	var consumeErr error
	err = sb.AddConsumerFunc(func(_ context.Context, msg *service.Message) error {
		mu.Lock()
		defer mu.Unlock()
		s, _ := msg.MetaGet("test_index")
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= len(records) {
			consumeErr = errors.Join(consumeErr, errors.New("a message without its test_index came out"))
			return nil
		}
		b, err := msg.AsBytes()
		if err != nil {
			consumeErr = errors.Join(consumeErr, err)
		}
		r := result{Bytes: string(b), Meta: map[string]string{}}
		if err := msg.GetError(); err != nil {
			r.Err = err.Error()
		}
		for _, k := range metaKeys {
			if v, ok := msg.MetaGet(k); ok {
				r.Meta[k] = v
			}
		}
		results[i] = r
		seen[i]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stream, err := sb.Build()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- stream.Run(ctx) }()
	for start := 0; start < len(records); start += batchSize {
		end := min(start+batchSize, len(records))
		batch := make(service.MessageBatch, 0, end-start)
		for i := start; i < end; i++ {
			m := service.NewMessage(records[i])
			m.MetaSet("test_index", strconv.Itoa(i))
			batch = append(batch, m)
		}
		if err := produce(ctx, batch); err != nil {
			t.Fatalf("batch at record %d: %v", start, err)
		}
	}
	if err := stream.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if consumeErr != nil {
		t.Fatal(consumeErr)
	}
	for i, n := range seen {
		want := 1
		if len(bytes.TrimSpace(records[i])) == 0 {
			want = 0 // a blank message is no lead: left out
		}
		if n != want {
			t.Errorf("record %d came out %d times, want %d", i, n, want)
		}
	}
	return results
}

// want is what the RecordConverter gives for one record.
type want struct {
	Out    string
	Report lead.Report
	Err    error
}

func convertAll(rc *convert.RecordConverter, records [][]byte) []want {
	out := make([]want, len(records))
	for i, rec := range records {
		b, rep, err := rc.Convert(rec, nil)
		out[i] = want{Out: string(b), Report: rep, Err: err}
	}
	return out
}

// errorsJSON is the errors metadata of a rejection.
type errorsJSON []struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// wantErrors returns the errors metadata err should give.
func wantErrors(err error) errorsJSON {
	var list lead.ErrorList
	list.Append("", err)
	out := make(errorsJSON, len(list))
	for i, fe := range list {
		out[i].Path, out[i].Rule, out[i].Message = fe.Path, fe.Rule, fe.Error()
	}
	return out
}

// checkResult compares what the stream gave for record i with what the
// RecordConverter gives: the converted record and its report in the
// metadata, or the record's own bytes flagged with its errors.
func checkResult(t *testing.T, i int, rec []byte, got result, w want) {
	t.Helper()
	if w.Err != nil {
		if got.Bytes != string(rec) {
			t.Errorf("record %d: rejected message's bytes changed:\n got %s\nwant %s", i, got.Bytes, rec)
		}
		if got.Err != w.Err.Error() {
			t.Errorf("record %d: error mismatch (-want +got):\n%s", i, cmp.Diff(w.Err.Error(), got.Err))
		}
		var errs errorsJSON
		if err := json.Unmarshal([]byte(got.Meta["leadbridge_errors"]), &errs); err != nil {
			t.Errorf("record %d: leadbridge_errors %q: %v", i, got.Meta["leadbridge_errors"], err)
		}
		if diff := cmp.Diff(wantErrors(w.Err), errs); diff != "" {
			t.Errorf("record %d: leadbridge_errors mismatch (-want +got):\n%s", i, diff)
		}
		if r, ok := got.Meta["leadbridge_report"]; ok {
			t.Errorf("record %d: a rejected message has a report: %s", i, r)
		}
		return
	}
	if got.Err != "" {
		t.Errorf("record %d: rejected (%s), want converted", i, got.Err)
		return
	}
	if diff := cmp.Diff(w.Out, got.Bytes); diff != "" {
		t.Errorf("record %d: converted record mismatch (-want +got):\n%s", i, diff)
	}
	var rep lead.Report
	if err := json.Unmarshal([]byte(got.Meta["leadbridge_report"]), &rep); err != nil {
		t.Errorf("record %d: leadbridge_report %q: %v", i, got.Meta["leadbridge_report"], err)
	}
	if diff := cmp.Diff(w.Report, rep, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("record %d: report mismatch (-want +got):\n%s", i, diff)
	}
	if e, ok := got.Meta["leadbridge_errors"]; ok {
		t.Errorf("record %d: a converted message has errors: %s", i, e)
	}
}
