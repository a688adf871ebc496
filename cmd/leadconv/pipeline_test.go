package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadbridge/leadbridge/lead"
)

// rejected is what TestShapes compares of a --rejects line.
type rejected struct {
	Line, Index int    // Index -1: the line has no index key
	Record      string // "<none>" when the line has no record
	Rules       string // "path: rule" of each error, "; "-joined
}

func project(lines []rejectLine) []rejected {
	var out []rejected
	for _, l := range lines {
		r := rejected{Line: l.Line, Index: -1, Record: "<none>"}
		switch {
		case l.Index != nil && *l.Index < 0:
			r.Index = math.MinInt // an index key without meaning: no want matches
		case l.Index != nil:
			r.Index = *l.Index
		}
		if l.Record != nil {
			r.Record = *l.Record
		}
		var rules []string
		for _, e := range l.Errors {
			rules = append(rules, e.Path+": "+e.Rule)
		}
		r.Rules = strings.Join(rules, "; ")
		out = append(out, r)
	}
	return out
}

func TestShapes(t *testing.T) {
	envelopeList := `{
  "success": true,
  "data": [
    {"title": "a"},
    {"title": "b"}
  ],
  "additional_data": {"pagination": {"start": 0, "limit": 100, "more_items_in_collection": false}}
}`
	tests := []struct {
		name    string
		in      string
		args    []string
		stdout  []string // the titles converted, in order
		rejects []rejected
	}{
		{name: "object", in: "{\n  \"title\": \"a\"\n}\n", stdout: []string{"a"}},
		{name: "array", in: `[{"title":"a"}, {"title":"b"}, {"title":"c"}]`, stdout: []string{"a", "b", "c"}},
		{name: "ndjson", in: "{\"title\":\"a\"}\n\n{\"title\":\"b\"}\r\n", stdout: []string{"a", "b"}},
		{name: "envelope single", in: `{"success":true,"data":{"title":"a"},"additional_data":null}`, stdout: []string{"a"}},
		{name: "envelope list", in: envelopeList, stdout: []string{"a", "b"}},
		{name: "error envelope", in: `{"success":false,"error":"Lead not found","data":null}`, rejects: []rejected{
			{Line: 1, Index: -1, Record: `{"success":false,"error":"Lead not found","data":null}`, Rules: ": error envelope"},
		}},
		{name: "bom", in: "\xef\xbb\xbf[{\"title\":\"a\"}]", stdout: []string{"a"}},
		{name: "empty input", in: ""},
		{name: "whitespace only", in: "\n  \t\r\n"},
		{name: "truncated array", in: "[{\"title\":\"a\"},\n{\"title\":", stdout: []string{"a"}, rejects: []rejected{
			{Line: 2, Index: 1, Record: `{"title":`, Rules: ": unexpected end of input"},
		}},
		{name: "truncated object", in: "{\"title\":\"a\",\n \"x\": [1, 2", rejects: []rejected{
			{Line: 1, Index: -1, Record: "{\"title\":\"a\",\n \"x\": [1, 2", Rules: ": unexpected end of input"},
		}},
		{name: "garbage between ndjson lines", in: "{\"title\":\"a\"}\n<html>\n{\"title\":\"b\"}\n", stdout: []string{"a", "b"}, rejects: []rejected{
			{Line: 2, Index: -1, Record: "<html>", Rules: ": invalid character looking for beginning of value"},
		}},
		{name: "record over the size limit", in: "{\"title\":\"a\"}\n{\"title\":\"" + strings.Repeat("x", 100) + "\"}\n{\"title\":\"b\"}\n",
			args: []string{"--max-record-bytes", "64"}, stdout: []string{"a", "b"}, rejects: []rejected{
				{Line: 2, Index: -1, Record: "<none>", Rules: ": max-record-bytes=64"},
			}},
		{name: "array of non-objects", in: `[1, "a", null]`, rejects: []rejected{
			{Line: 1, Index: 0, Record: "1", Rules: ": want object, got number"},
			{Line: 1, Index: 1, Record: `"a"`, Rules: ": want object, got string"},
			{Line: 1, Index: 2, Record: "null", Rules: ": want object, got null"},
		}},
		{name: "converter rejects", in: "{\"title\":\"bad\"}\n", rejects: []rejected{
			{Line: 1, Index: -1, Record: `{"title":"bad"}`, Rules: "title: max=3; value.currency: required"},
		}},
	}
	for _, tt := range tests {
		for _, workers := range []string{"1", "3"} {
			t.Run(tt.name+"/workers="+workers, func(t *testing.T) {
				dir := t.TempDir()
				rej := filepath.Join(dir, "rejects.ndjson")
				args := append([]string{"convert", "--from", "pipedrive", "--to", "pipedrive", "--rejects", rej, "--workers", workers}, tt.args...)
				r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(tt.in), args...)
				want := exitOK
				if len(tt.rejects) > 0 {
					want = exitRejected
				}
				if r.code != want {
					t.Errorf("exit status %d, want %d; stderr:\n%s", r.code, want, r.stderr)
				}
				var titles []string
				for _, v := range decodeLines[struct{ In struct{ Title string } }](t, r.stdout) {
					titles = append(titles, v.In.Title)
				}
				diffOrFail(t, "converted titles", tt.stdout, titles)
				diffOrFail(t, "rejects", tt.rejects, project(readNDJSON[rejectLine](t, rej)))
				summary := fmt.Sprintf("leadconv: %d read, %d converted, %d rejected\n",
					len(tt.stdout)+len(tt.rejects), len(tt.stdout), len(tt.rejects))
				if len(tt.stdout)+len(tt.rejects) == 0 {
					summary = "leadconv: warning: no leads in <stdin>\n" + summary
				}
				if !strings.HasPrefix(r.stderr, summary) {
					t.Errorf("stderr does not start with %q:\n%s", summary, r.stderr)
				}
			})
		}
	}
}

// TestEmptyInput checks that an input without records is named in a
// warning, and that the run still succeeds.
func TestEmptyInput(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.ndjson", "")
	array := writeFile(t, dir, "array.json", "[ ]\n")
	envelope := writeFile(t, dir, "envelope.json", `{"success":true,"data":[]}`)
	full := writeFile(t, dir, "full.ndjson", "{\"title\":\"a\"}\n")
	for _, cmd := range [][]string{{"convert", "--from", "pipedrive", "--to", "copper"}, {"validate", "--as", "pipedrive"}} {
		r := runApp(t, fakeApp(fakeConv{}), nil, append(cmd, empty, full, array, envelope)...)
		passed := map[string]string{"convert": "converted", "validate": "valid"}[cmd[0]]
		want := "leadconv: warning: no leads in " + empty + "\n" +
			"leadconv: warning: no leads in " + array + "\n" +
			"leadconv: warning: no leads in " + envelope + "\n" +
			"leadconv: 1 read, 1 " + passed + ", 0 rejected\n"
		if r.code != exitOK {
			t.Errorf("%s: exit %d, want 0", cmd[0], r.code)
		}
		diffOrFail(t, cmd[0]+" stderr", want, r.stderr)
	}
}

// TestOrder converts 10,000 records with a converter that sleeps at
// random, so that workers finish out of order; the output must keep the
// input's order whatever the number of workers.
func TestOrder(t *testing.T) {
	const n = 10000
	var in, wantOut, wantRej strings.Builder
	for i := range n {
		title := "t" + strconv.Itoa(i)
		if i%97 == 0 {
			title += "-bad"
			fmt.Fprintf(&wantRej, "%d\n", i+1)
		} else {
			fmt.Fprintf(&wantOut, "{\"in\":{\"title\":%q}}\n", title)
		}
		fmt.Fprintf(&in, "{\"title\":%q}\n", title)
	}
	for _, workers := range []string{"1", "2", "8"} {
		t.Run("workers="+workers, func(t *testing.T) {
			dir := t.TempDir()
			rej := filepath.Join(dir, "rejects.ndjson")
			r := runApp(t, fakeApp(fakeConv{sleep: 50 * time.Microsecond}), strings.NewReader(in.String()),
				"convert", "--from", "copper", "--to", "copper", "--workers", workers, "--rejects", rej)
			if r.code != exitRejected {
				t.Fatalf("exit status %d, want 1; stderr:\n%s", r.code, r.stderr)
			}
			if r.stdout != wantOut.String() {
				t.Fatalf("output is not in input order (first difference at line %d)", firstDiffLine(wantOut.String(), r.stdout))
			}
			var got strings.Builder
			for _, l := range readNDJSON[rejectLine](t, rej) {
				fmt.Fprintf(&got, "%d\n", l.Line)
			}
			if got.String() != wantRej.String() {
				t.Fatalf("rejects are not in input order (first difference at line %d)", firstDiffLine(wantRej.String(), got.String()))
			}
		})
	}
}

func firstDiffLine(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}

// TestRejectsAndReport checks the --rejects and --report files line by line.
func TestRejectsAndReport(t *testing.T) {
	in := `[{"title":"ok"},{"title":"lossy one"},{"title":"bad one"},{"title":"panic"}]` + "\n{\"title\":\"lossy two\"}\n"
	wantRejects := []rejectLine{
		{File: "<stdin>", Line: 1, Index: ptr(2), Record: ptr(`{"title":"bad one"}`), Errors: []errorJSON{
			{Path: "title", Rule: "max=3", Message: `title: max=3: invalid: "bad one" is too long`},
			{Path: "value.currency", Rule: "required", Message: "value.currency: required"},
		}},
		{File: "<stdin>", Line: 1, Index: ptr(3), Record: ptr(`{"title":"panic"}`), Errors: []errorJSON{
			{Path: "", Rule: "converter panicked", Message: "(root): converter panicked: invalid: fake converter: panic"},
		}},
	}
	report := func(line int, index *int, title string) reportLine {
		return reportLine{File: "<stdin>", Line: line, Index: index, Changes: lead.Report{
			{Path: "label_ids", Kind: lead.Dropped, Reason: "no field in the target", Detail: "title was " + title, Loss: lead.LossUnmapped},
			{Path: "name", Kind: lead.Derived, Reason: "from the title"},
		}}
	}
	for _, workers := range []string{"1", "4"} {
		t.Run("workers="+workers, func(t *testing.T) {
			dir := t.TempDir()
			rej, rep := filepath.Join(dir, "rejects.ndjson"), filepath.Join(dir, "report.ndjson")
			r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in),
				"convert", "--from", "copper", "--to", "pipedrive", "--rejects", rej, "--report", rep, "--workers", workers)
			if r.code != exitRejected {
				t.Fatalf("exit status %d, want 1; stderr:\n%s", r.code, r.stderr)
			}
			diffOrFail(t, "rejects", wantRejects, readNDJSON[rejectLine](t, rej))
			diffOrFail(t, "report", []reportLine{report(1, ptr(1), "lossy one"), report(2, nil, "lossy two")}, readNDJSON[reportLine](t, rep))
			wantSummary := "leadconv: 5 read, 3 converted, 2 rejected\n" +
				"leadconv: records changed, by field and kind:\n" +
				"  label_ids  dropped (unmapped)  2\n" +
				"  name       derived             2\n"
			diffOrFail(t, "stderr", wantSummary, r.stderr)
			noTemps(t, dir)
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestStrict: --strict rejects a record that lost a field the mapping did
// not cover, and keeps one that lost only a field the target has no place
// for; the summary names each loss kind.
func TestStrict(t *testing.T) {
	in := "{\"title\":\"lossy\"}\n{\"title\":\"placeless\"}\n"
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive", "--strict")
	if r.code != exitRejected || r.stdout != "{\"in\":{\"title\":\"placeless\"}}\n" {
		t.Fatalf("exit %d, stdout %q; want 1 and the second record", r.code, r.stdout)
	}
	want := "<stdin>:1: label_ids: dropped: no field in the target: not covered by the mapping\n" +
		"leadconv: 2 read, 1 converted, 1 rejected\n" +
		"leadconv: records changed, by field and kind:\n" +
		"  visible_to  dropped (no_place)  1\n"
	diffOrFail(t, "stderr", want, r.stderr)
}

// TestErrorLines checks the errors on stderr without --rejects.
func TestErrorLines(t *testing.T) {
	in := "[{\"title\":\"bad\"}]\n{\"title\":\"bad\"}\nnope\n"
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive")
	want := `<stdin>:1: [0].title: max=3: invalid: "bad" is too long
<stdin>:1: [0].value.currency: required
<stdin>:2: title: max=3: invalid: "bad" is too long
<stdin>:2: value.currency: required
<stdin>:3: (root): invalid literal: malformed JSON: found 'n' on line 3
leadconv: 3 read, 0 converted, 3 rejected
`
	diffOrFail(t, "stderr", want, r.stderr)
}

// TestRedact checks that under --redact no value of the input appears in
// stderr, the rejects or the report, though the converter's errors and
// details quote them, and the input has syntax errors.
func TestRedact(t *testing.T) {
	secrets := []string{"Jane-Doe-Secret", "jane.doe@example.org", "4915112345678", "Acme-Hidden-Corp", "garbageLine", "Zq"}
	in := `[{"title":"bad Jane-Doe-Secret","email":"jane.doe@example.org"},{"title":"lossy Acme-Hidden-Corp","phone":4915112345678}]` + "\n" +
		"garbageLine\n" +
		`{"title":"Zq` + "\n" + // unterminated string
		`{"title":"panic Jane-Doe-Secret"}` + "\n"
	for _, withFiles := range []bool{true, false} {
		t.Run(fmt.Sprintf("files=%v", withFiles), func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"convert", "--from", "copper", "--to", "pipedrive", "--redact"}
			rej, rep := filepath.Join(dir, "rejects.ndjson"), filepath.Join(dir, "report.ndjson")
			if withFiles {
				args = append(args, "--rejects", rej, "--report", rep)
			}
			r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), args...)
			if r.code != exitRejected {
				t.Fatalf("exit status %d, want 1; stderr:\n%s", r.code, r.stderr)
			}
			outputs := map[string]string{"stderr": r.stderr}
			if withFiles {
				for name, p := range map[string]string{"rejects": rej, "report": rep} {
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					outputs[name] = string(b)
				}
				if n := len(readNDJSON[rejectLine](t, rej)); n != 4 {
					t.Errorf("%d rejects, want 4", n)
				}
				for _, l := range readNDJSON[rejectLine](t, rej) {
					if l.Record != nil {
						t.Errorf("a reject keeps its record under --redact: %q", *l.Record)
					}
				}
				if n := len(readNDJSON[reportLine](t, rep)); n != 1 {
					t.Errorf("%d report lines, want 1", n)
				}
			}
			for name, out := range outputs {
				for _, s := range secrets {
					if strings.Contains(out, s) {
						t.Errorf("%s shows the input's value %q:\n%s", name, s, out)
					}
				}
			}
			// The paths and rules are still there.
			if !strings.Contains(r.stderr+outputs["rejects"], "title: max=3") {
				t.Errorf("the redacted errors lost their path and rule")
			}
		})
	}
}

// TestCounts checks that every record read is either converted or rejected,
// in the summary and in the outputs.
func TestCounts(t *testing.T) {
	var in strings.Builder
	for i := range 1000 {
		switch i % 10 {
		case 3:
			in.WriteString("{\"title\":\"bad\"}\n")
		case 5:
			in.WriteString("{\"title\": \n") // broken line
		case 7:
			in.WriteString("[{\"title\":\"x\"}, 42]\n")
		default:
			in.WriteString("{\"title\":\"ok\"}\n")
		}
	}
	dir := t.TempDir()
	rej := filepath.Join(dir, "rejects.ndjson")
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in.String()), "convert", "--from", "copper", "--to", "copper", "--rejects", rej, "--workers", "3")
	m := regexp.MustCompile(`leadconv: (\d+) read, (\d+) converted, (\d+) rejected`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no summary in stderr:\n%s", r.stderr)
	}
	read, _ := strconv.Atoi(m[1])
	converted, _ := strconv.Atoi(m[2])
	rejectedN, _ := strconv.Atoi(m[3])
	if read != 1100 || read != converted+rejectedN {
		t.Errorf("read %d, converted %d, rejected %d; want 1100 read = converted + rejected", read, converted, rejectedN)
	}
	if got := strings.Count(r.stdout, "\n"); got != converted {
		t.Errorf("%d lines on stdout, want %d converted", got, converted)
	}
	if got := len(readNDJSON[rejectLine](t, rej)); got != rejectedN {
		t.Errorf("%d lines in rejects, want %d rejected", got, rejectedN)
	}
	if converted != 800 || rejectedN != 300 {
		t.Errorf("converted %d, rejected %d; want 800, 300", converted, rejectedN)
	}
}

// failingReader returns its data, then fails.
type failingReader struct {
	data io.Reader
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestAtomicOutput checks that a run that fails midway leaves no file at
// the final paths of --rejects and --report, and no temporary file, while
// a run that finishes leaves both.
func TestAtomicOutput(t *testing.T) {
	var in strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&in, "{\"title\":\"%s\"}\n", map[bool]string{true: "bad", false: "lossy"}[i%2 == 0])
	}
	for _, workers := range []string{"1", "4"} {
		t.Run("read error/workers="+workers, func(t *testing.T) {
			dir := t.TempDir()
			rej, rep := filepath.Join(dir, "rejects.ndjson"), filepath.Join(dir, "report.ndjson")
			stdin := &failingReader{data: strings.NewReader(in.String()), err: errors.New("connection reset")}
			r := runApp(t, fakeApp(fakeConv{}), stdin,
				"convert", "--from", "copper", "--to", "copper", "--rejects", rej, "--report", rep, "--workers", workers)
			if r.code != exitUsage {
				t.Fatalf("exit status %d, want 2; stderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "connection reset (not written: "+rej+", "+rep+")") {
				t.Errorf("stderr does not name the files not written:\n%s", r.stderr)
			}
			mustNotExist(t, rej)
			mustNotExist(t, rep)
			noTemps(t, dir)
		})
		t.Run("write error/workers="+workers, func(t *testing.T) {
			dir := t.TempDir()
			rej := filepath.Join(dir, "rejects.ndjson")
			var errb bytes.Buffer
			code := fakeApp(fakeConv{}).run([]string{"convert", "--from", "copper", "--to", "copper", "--rejects", rej, "--workers", workers},
				stdio{in: strings.NewReader(in.String()), out: failingWriter{}, err: &errb})
			if code != exitUsage || !strings.Contains(errb.String(), "writing standard output: disk full") {
				t.Fatalf("exit status %d, stderr %q; want 2 and the write error", code, errb.String())
			}
			mustNotExist(t, rej)
			noTemps(t, dir)
		})
	}
	t.Run("finished", func(t *testing.T) {
		dir := t.TempDir()
		rej, rep := filepath.Join(dir, "rejects.ndjson"), filepath.Join(dir, "report.ndjson")
		if err := os.WriteFile(rej, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in.String()), "convert", "--from", "copper", "--to", "copper", "--rejects", rej, "--report", rep)
		if r.code != exitRejected {
			t.Fatalf("exit status %d, want 1; stderr:\n%s", r.code, r.stderr)
		}
		if n := len(readNDJSON[rejectLine](t, rej)); n != 2500 {
			t.Errorf("%d rejects, want 2500", n)
		}
		if n := len(readNDJSON[reportLine](t, rep)); n != 2500 {
			t.Errorf("%d report lines, want 2500", n)
		}
		noTemps(t, dir)
	})
}

// TestValidate checks that validate writes nothing to stdout and reports
// rejects like convert.
func TestValidate(t *testing.T) {
	dir := t.TempDir()
	rej := filepath.Join(dir, "rejects.ndjson")
	in := "{\"title\":\"ok\"}\n{\"title\":\"bad\"}\n{\"title\":\"lossy\"}\n"
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "validate", "--as", "copper", "--rejects", rej)
	if r.code != exitRejected || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", r.code, r.stdout)
	}
	got := project(readNDJSON[rejectLine](t, rej))
	diffOrFail(t, "rejects", []rejected{{Line: 2, Index: -1, Record: `{"title":"bad"}`, Rules: "title: max=3; value.currency: required"}}, got)
	if !strings.HasPrefix(r.stderr, "leadconv: 3 read, 2 valid, 1 rejected\n") {
		t.Errorf("summary: %q", r.stderr)
	}
}

// TestProgress checks that the progress bar appears on stderr only when
// asked or when stderr is a terminal, and never on stdout.
func TestProgress(t *testing.T) {
	var in strings.Builder
	for range 3000 {
		in.WriteString("{\"title\":\"ok\"}\n")
	}
	const summary = "leadconv: 3000 read, 3000 converted, 0 rejected\n"
	wantOut := strings.Repeat("{\"in\":{\"title\":\"ok\"}}\n", 3000)
	slow := fakeConv{} // the bar renders at least once, when it finishes
	for _, mode := range []string{"auto", "never"} {
		t.Run(mode+"/buffer", func(t *testing.T) {
			r := runApp(t, fakeApp(slow), strings.NewReader(in.String()), "convert", "--from", "copper", "--to", "copper", "--progress", mode)
			diffOrFail(t, "stderr", summary, r.stderr)
			if r.stdout != wantOut {
				t.Errorf("stdout is not just the records")
			}
		})
	}
	t.Run("auto/file", func(t *testing.T) {
		f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out bytes.Buffer
		code := fakeApp(slow).run([]string{"convert", "--from", "copper", "--to", "copper"},
			stdio{in: strings.NewReader(in.String()), out: &out, err: f})
		b, _ := os.ReadFile(f.Name())
		if code != exitOK || string(b) != summary {
			t.Errorf("exit %d, stderr %q; want 0 and only the summary", code, b)
		}
	})
	t.Run("always", func(t *testing.T) {
		dir := t.TempDir()
		p := writeFile(t, dir, "in.ndjson", in.String())
		r := runApp(t, fakeApp(slow), nil, "convert", "--from", "copper", "--to", "copper", "--progress", "always", "--workers", "2", p)
		if !strings.Contains(r.stderr, "records (") || !strings.HasSuffix(r.stderr, summary) {
			t.Errorf("stderr lacks the progress bar or the summary:\n%q", r.stderr)
		}
		if r.stdout != wantOut {
			t.Errorf("stdout is not just the records")
		}
	})
}

// TestProgressEnd checks that the progress bar's last frame, the line
// above the summary, shows every record and 100% of the input.
func TestProgressEnd(t *testing.T) {
	for _, n := range []int{50, 5000} {
		for _, workers := range []string{"1", "2"} {
			t.Run(fmt.Sprintf("%d records/workers=%s", n, workers), func(t *testing.T) {
				p := writeFile(t, t.TempDir(), "in.ndjson", strings.Repeat("{\"title\":\"ok\"}\n", n))
				r := runApp(t, fakeApp(fakeConv{}), nil, "convert", "--from", "copper", "--to", "copper",
					"--progress", "always", "--workers", workers, p)
				summary := fmt.Sprintf("leadconv: %d read, %d converted, 0 rejected\n", n, n)
				before, ok := strings.CutSuffix(r.stderr, "\n"+summary)
				if r.code != exitOK || !ok {
					t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
				}
				last := before[strings.LastIndexByte(before, '\r')+1:]
				size := strconv.Itoa(len("{\"title\":\"ok\"}\n") * n)
				for _, want := range []string{fmt.Sprintf("%d records (", n), " 100% |"} {
					if !strings.Contains(last, want) {
						t.Errorf("last frame %q lacks %q", last, want)
					}
				}
				if n == 50 && !strings.Contains(last, "("+size+"/"+size+" B") {
					t.Errorf("last frame %q does not show %s of %s bytes", last, size, size)
				}
			})
		}
	}
}

// TestOutputOneLine checks that a converter output spanning lines is
// rejected rather than breaking the NDJSON output.
func TestOutputOneLine(t *testing.T) {
	r := runApp(t, fakeApp(multiLine{}), strings.NewReader(`{"a":1}`), "convert", "--from", "copper", "--to", "copper")
	if r.code != exitRejected || r.stdout != "" || !strings.Contains(r.stderr, "converted record spans several lines") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

type multiLine struct{}

func (multiLine) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	return append(out, "{\n}"...), nil, nil
}

// TestIndexKey checks that rejects and report lines carry an index only
// for records in an array.
func TestIndexKey(t *testing.T) {
	dir := t.TempDir()
	rej, rep := filepath.Join(dir, "rejects.ndjson"), filepath.Join(dir, "report.ndjson")
	in := "[{\"title\":\"bad\"},{\"title\":\"lossy\"}]\n{\"title\":\"bad\"}\n{\"title\":\"lossy\"}\n"
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive", "--rejects", rej, "--report", rep)
	if r.code != exitRejected {
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	for _, f := range []string{rej, rep} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got := lines(string(b))
		if len(got) != 2 {
			t.Fatalf("%s: %d lines, want 2", f, len(got))
		}
		want := map[string][]string{
			rej: {`"line":1,"index":0,`, `"line":2,`},
			rep: {`"line":1,"index":1,`, `"line":3,`},
		}[f]
		for i := range want {
			if !strings.Contains(got[i], want[i]) {
				t.Errorf("%s line %d lacks %s: %s", f, i+1, want[i], got[i])
			}
		}
		if strings.Contains(got[1], `"index"`) {
			t.Errorf("%s: an NDJSON record has an index: %s", f, got[1])
		}
	}
}

// TestTooLarge checks that a record over --max-record-bytes is said to
// exceed the limit, not to be malformed.
func TestTooLarge(t *testing.T) {
	in := "{\"title\":\"a\"}\n{\"title\":\"" + strings.Repeat("x", 100) + "\"}\n"
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive", "--max-record-bytes", "64")
	want := "<stdin>:2: (root): max-record-bytes=64: record exceeds the limit of 64 bytes\n"
	if r.code != exitRejected || !strings.HasPrefix(r.stderr, want) || strings.Contains(r.stderr, "malformed") {
		t.Errorf("exit %d, stderr:\n%s\nwant it to start with %q", r.code, r.stderr, want)
	}
}
