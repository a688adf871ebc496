package connect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/leadbridge/leadbridge/convert"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// exampleStream builds the stream of an example configuration file,
// its ${VARS} taken from vars only.
func exampleStream(t *testing.T, file string, vars map[string]string, edit func(*service.StreamBuilder)) *service.Stream {
	t.Helper()
	conf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sb := newEnv(t).NewStreamBuilder()
	sb.SetEnvVarLookupFunc(func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	})
	if err := sb.SetYAML(string(conf)); err != nil {
		t.Fatal(err)
	}
	if err := sb.SetLoggerYAML("level: off"); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(sb)
	}
	stream, err := sb.Build()
	if err != nil {
		t.Fatal(err)
	}
	return stream
}

// rejectLine is a line of the examples' rejects files.
type rejectLine struct {
	Record string     `json:"record"`
	Errors errorsJSON `json:"errors"`
}

// TestFileToFile runs examples/file-to-file.yaml on the Pipedrive
// samples and some bad records: the converted file holds what the
// RecordConverter gives for the good ones, the rejects file each bad one
// with its errors, and every input line is in one of them.
func TestFileToFile(t *testing.T) {
	dir := t.TempDir()
	samples := readLines(t, pipedriveLeads)
	records := append(slices.Clone(samples), badRecords(t, samples[0])...)
	in := filepath.Join(dir, "leads.ndjson")
	if err := os.WriteFile(in, append(bytes.Join(records, []byte("\n")), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	out, rejects := filepath.Join(dir, "copper.ndjson"), filepath.Join(dir, "rejects.ndjson")
	stream := exampleStream(t, "examples/file-to-file.yaml", map[string]string{
		"LEADS": in, "OUT": out, "REJECTS": rejects,
		// The example's defaults are the bundled samples, relative to
		// connect/: the test runs there, so it leaves them.
	}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := stream.Run(ctx); err != nil {
		t.Fatal(err)
	}

	rc := recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)
	var wantOut []string
	var wantRejects []rejectLine
	for _, w := range convertAll(rc, records) {
		if w.Err != nil {
			continue
		}
		wantOut = append(wantOut, w.Out)
	}
	for i, rec := range records {
		if _, _, err := rc.Convert(rec, nil); err != nil {
			wantRejects = append(wantRejects, rejectLine{Record: string(records[i]), Errors: wantErrors(err)})
		}
	}
	var gotOut []string
	for _, l := range readLines(t, out) {
		gotOut = append(gotOut, string(l))
	}
	var gotRejects []rejectLine
	for _, l := range readLines(t, rejects) {
		var r rejectLine
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatalf("rejects line %s: %v", l, err)
		}
		gotRejects = append(gotRejects, r)
	}
	// The file input feeds the pipeline threads in order, but they may
	// finish out of order.
	slices.Sort(wantOut)
	slices.Sort(gotOut)
	if diff := cmp.Diff(wantOut, gotOut); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", out, diff)
	}
	byRecord := func(a, b rejectLine) int { return strings.Compare(a.Record, b.Record) }
	slices.SortFunc(wantRejects, byRecord)
	slices.SortFunc(gotRejects, byRecord)
	if diff := cmp.Diff(wantRejects, gotRejects); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", rejects, diff)
	}
	if len(gotOut)+len(gotRejects) != len(records) || len(gotRejects) == 0 || len(gotOut) == 0 {
		t.Errorf("%d records in, %d converted + %d rejected out", len(records), len(gotOut), len(gotRejects))
	}
}

// copperStub stands in for Copper's POST /leads: it records each request,
// and answers the nth with the nth status of statuses (200 after them).
type copperStub struct {
	mu       sync.Mutex
	statuses []int
	requests []stubRequest
}

type stubRequest struct {
	at     time.Time
	status int
	body   string
	header http.Header
}

func (s *copperStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil || r.Method != http.MethodPost || r.URL.Path != "/developer_api/v1/leads" {
		http.Error(w, fmt.Sprintf("%s %s: not POST /developer_api/v1/leads (%v)", r.Method, r.URL.Path, err), http.StatusNotFound)
		return
	}
	s.mu.Lock()
	status := http.StatusOK
	if n := len(s.requests); n < len(s.statuses) {
		status = s.statuses[n]
	}
	s.requests = append(s.requests, stubRequest{at: time.Now(), status: status, body: string(body), header: r.Header.Clone()})
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if status == http.StatusOK {
		w.Write(body) // Copper answers with the lead created
	} else {
		fmt.Fprintf(w, `{"success": false, "status": %d}`, status)
	}
}

// TestWebhookSync runs examples/webhook-sync.yaml against a stand-in for
// Copper's POST /leads: leads POSTed to the webhook receiver reach Copper
// as the RecordConverter's create bodies, with the configured headers;
// the rate limit spaces the requests; a 429 and a 503 are retried; a lead
// Copper refuses as invalid goes to the failed file, and a lead that
// cannot be converted to the rejects file, unsent.
func TestWebhookSync(t *testing.T) {
	dir := t.TempDir()
	// The first lead is answered 429, then 503, then created; the next
	// three are created; the fifth is refused as invalid (422).
	statuses := []int{429, 503, 200, 200, 200, 200, 422}
	stub := &copperStub{statuses: statuses}
	copper := httptest.NewServer(stub)
	defer copper.Close()

	const interval = 150 * time.Millisecond
	rejects, failed := filepath.Join(dir, "rejects.ndjson"), filepath.Join(dir, "failed.ndjson")
	mux := &routes{handlers: map[string]http.HandlerFunc{}}
	stream := exampleStream(t, "examples/webhook-sync.yaml", map[string]string{
		"MAPPING": mappingFile, "PIPEDRIVE_ACCOUNT": pipedriveAccount, "COPPER_ACCOUNT": copperAccount,
		"COPPER_API_URL":       copper.URL + "/developer_api/v1",
		"COPPER_ACCESS_TOKEN":  "token-1",
		"COPPER_USER_EMAIL":    "sync@example.com",
		"COPPER_RATE_COUNT":    "1",
		"COPPER_RATE_INTERVAL": interval.String(),
		"COPPER_RETRY_PERIOD":  "10ms",
		"REJECTS":              rejects,
		"FAILED":               failed,
	}, func(sb *service.StreamBuilder) {
		// The receiver serves on the test's server (bound to 127.0.0.1)
		// rather than on the example's fixed address.
		if err := sb.SetFields("input.http_server.address", ""); err != nil {
			t.Fatal(err)
		}
		sb.SetHTTPMux(mux)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- stream.Run(ctx) }()
	webhook := httptest.NewServer(mux)
	defer webhook.Close()

	samples := readLines(t, pipedriveLeads)[:5]
	bad := []byte(`{"id": "x", "title": "t", "value": {"amount": "a lot", "currency": "USD"}}`)
	rc := recordConverter(t, convert.Pipedrive, convert.Copper, mappingFile, pipedriveAccount, copperAccount, false)
	var wantBodies []string
	for _, w := range convertAll(rc, samples) {
		if w.Err != nil {
			t.Fatalf("a sample is rejected: %v", w.Err)
		}
		wantBodies = append(wantBodies, w.Out)
	}
	_, _, badErr := rc.Convert(bad, nil)
	if badErr == nil {
		t.Fatal("the bad lead converts")
	}

	// One lead at a time: the receiver answers once the lead is
	// delivered, so the requests reach Copper in order.
	for _, rec := range append(slices.Clone(samples), bad) {
		res, err := postWhenReady(ctx, webhook.URL+"/pipedrive/leads", rec)
		if err != nil {
			t.Fatal(err)
		}
		if res != http.StatusOK {
			t.Fatalf("the receiver answered %d", res)
		}
	}
	if err := stream.StopWithin(time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}

	stub.mu.Lock()
	reqs := slices.Clone(stub.requests)
	stub.mu.Unlock()
	var gotStatuses []int
	var created []string
	for _, r := range reqs {
		gotStatuses = append(gotStatuses, r.status)
		if r.status == http.StatusOK {
			created = append(created, r.body)
		}
		for k, v := range map[string]string{
			"Content-Type": "application/json", "X-Pw-Accesstoken": "token-1",
			"X-Pw-Application": "developer_api", "X-Pw-Useremail": "sync@example.com",
		} {
			if got := r.header.Get(k); got != v {
				t.Errorf("request header %s = %q, want %q", k, got, v)
			}
		}
	}
	if diff := cmp.Diff(statuses, gotStatuses); diff != "" {
		t.Fatalf("Copper's answers mismatch (-want +got):\n%s", diff)
	}
	var sent []string
	for _, r := range reqs {
		sent = append(sent, r.body)
	}
	// Every attempt sends the lead's create body: the first three are
	// the first lead's.
	wantSent := append([]string{wantBodies[0], wantBodies[0]}, wantBodies...)
	if diff := cmp.Diff(wantSent, sent); diff != "" {
		t.Errorf("request bodies mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantBodies[:4], created); diff != "" {
		t.Errorf("created leads mismatch (-want +got):\n%s", diff)
	}
	var gotFailed []struct {
		Body  string `json:"body"`
		Error string `json:"error"`
	}
	for _, l := range readLines(t, failed) {
		var f struct {
			Body  string `json:"body"`
			Error string `json:"error"`
		}
		if err := json.Unmarshal(l, &f); err != nil {
			t.Fatalf("failed line %s: %v", l, err)
		}
		gotFailed = append(gotFailed, f)
	}
	if len(gotFailed) != 1 || gotFailed[0].Body != wantBodies[4] || !strings.Contains(gotFailed[0].Error, "422") {
		t.Errorf("failed leads: %+v, want the fifth lead's body with a 422 error", gotFailed)
	}
	// The rate limit allows one request per interval, retries included.
	// Only a lower bound is checked, with a wide margin.
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].at.Sub(reqs[i-1].at); gap < interval/2 {
			t.Errorf("requests %d and %d came %v apart, want at least %v (rate limit 1 per %v)", i-1, i, gap, interval/2, interval)
		}
	}

	var gotRejects []rejectLine
	for _, l := range readLines(t, rejects) {
		var r rejectLine
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatalf("rejects line %s: %v", l, err)
		}
		gotRejects = append(gotRejects, r)
	}
	if diff := cmp.Diff([]rejectLine{{Record: string(bad), Errors: wantErrors(badErr)}}, gotRejects); diff != "" {
		t.Errorf("rejects mismatch (-want +got):\n%s", diff)
	}
}

// routes is an HTTP multiplexer on exact paths whose handlers may be
// replaced: the http_server input registers its path again when it stops,
// which http.ServeMux refuses.
type routes struct {
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
}

func (m *routes) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.handlers[pattern] = h
}

func (m *routes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	h := m.handlers[r.URL.Path]
	m.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

// postWhenReady POSTs body to url, waiting for the receiver to be
// registered (a 404 until the stream's input is up).
func postWhenReady(ctx context.Context, url string, body []byte) (int, error) {
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			return res.StatusCode, nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
