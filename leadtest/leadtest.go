package leadtest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/internal/stream"
	"github.com/leadbridge/leadbridge/lead"
)

// UpdateEnv is the environment variable that makes Run update golden files
// when it is set to a true value ("1", "true"), whatever Config.Update says.
const UpdateEnv = "LEADTEST_UPDATE"

// GoldenSuffix ends the name of every golden file.
const GoldenSuffix = ".golden.json"

// A Config says what to convert and where the golden files are.
type Config struct {
	// From and To are the formats of the input and output records:
	// "canonical", "pipedrive" or "copper".
	From, To string
	// Dir is the folder of inputs: every *.json and *.ndjson file directly
	// in it, except golden files and the Mapping file. Golden files are
	// written beside them.
	Dir string
	// Mapping is the path of a mapping file (see package convert); empty
	// means no mapping.
	Mapping string
	// PipedriveAccount and CopperAccount are optional folders of account
	// exports, as leadconv's --pipedrive-account and --copper-account read
	// them (the layout of this module's testdata/pipedrive and
	// testdata/copper): field definitions, labels, statuses, and the
	// persons, organizations and users of the directory.
	PipedriveAccount, CopperAccount string
	// PipedrivePlan names the Pipedrive account's plan ("growth",
	// "premium", …; see pipedrive.ParsePlan), as leadconv's
	// --pipedrive-plan: it gives visible_to its meaning and wins over the
	// mapping's visibility.plan. Empty leaves the mapping's.
	PipedrivePlan string
	// Strict rejects records holding ids the mapping does not cover.
	Strict bool
	// Update writes the golden files instead of comparing them: missing
	// ones are created, changed ones rewritten, those without an input
	// deleted.
	Update bool
}

// A Status is the outcome of one golden file.
type Status int

// The statuses. Differ, Missing and Orphan are failures.
const (
	Match   Status = iota // the golden file holds the output
	Differ                // the golden file holds something else
	Missing               // the input has no golden file
	Orphan                // the golden file has no input
	Written               // Update wrote the golden file: it was missing or differed
	Removed               // Update deleted a golden file without an input
)

var statusNames = [...]string{"match", "differ", "missing", "orphan", "written", "removed"}

func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Failed reports whether s fails the check.
func (s Status) Failed() bool { return s == Differ || s == Missing || s == Orphan }

// A FileResult is the outcome of one input and its golden file.
type FileResult struct {
	// Input is the input's path (Dir joined with its name); empty for an
	// orphan golden file.
	Input string
	// Golden is the golden file's path.
	Golden string
	Status Status
	// Records is the number of records of the input.
	Records int
	// Diffs lists the records that differ, in order, when Status is
	// Differ.
	Diffs []RecordDiff
}

// A RecordDiff is one record whose output, report or errors differ from
// the golden file.
type RecordDiff struct {
	// Record is the record's number in its input, from 1.
	Record int
	// Line is the line of the input where the record starts; 0 for a
	// record that is only in the golden file.
	Line int
	// Diff is the difference, in go-cmp's notation: "-" lines are the
	// golden file's, "+" lines the current output's.
	Diff string
}

// A Result is the outcome of a check: one FileResult per input, in the
// order of their names, then one per orphan golden file.
type Result struct {
	Files []FileResult
}

// OK reports whether no file failed.
func (r Result) OK() bool {
	return !slices.ContainsFunc(r.Files, func(f FileResult) bool { return f.Status.Failed() })
}

// Records returns the number of records of all inputs.
func (r Result) Records() int {
	n := 0
	for _, f := range r.Files {
		n += f.Records
	}
	return n
}

// maxDiffs is how many record diffs a message shows for one file.
const maxDiffs = 20

// String describes the outcome in a few lines: for a failure, what failed
// and the diff of each record that differs (the first 20).
func (f FileResult) String() string {
	var b strings.Builder
	golden := filepath.Base(f.Golden)
	switch f.Status {
	case Match:
		fmt.Fprintf(&b, "%s: %s matches (%s)", f.Input, golden, plural(f.Records, "record"))
	case Written:
		fmt.Fprintf(&b, "%s: wrote %s (%s)", f.Input, golden, plural(f.Records, "record"))
	case Removed:
		fmt.Fprintf(&b, "%s: removed, its input is gone", f.Golden)
	case Missing:
		fmt.Fprintf(&b, "%s: no golden file %s (%s to write)", f.Input, golden, plural(f.Records, "record"))
	case Orphan:
		name := strings.TrimSuffix(filepath.Base(f.Golden), GoldenSuffix)
		fmt.Fprintf(&b, "%s: golden file without an input (%s.json or %s.ndjson)", f.Golden, name, name)
	case Differ:
		fmt.Fprintf(&b, "%s: differs from %s in %s of %d", f.Input, golden, plural(len(f.Diffs), "record"), f.Records)
		for i, d := range f.Diffs {
			if i == maxDiffs {
				fmt.Fprintf(&b, "\n... and %d more", len(f.Diffs)-maxDiffs)
				break
			}
			b.WriteString("\n")
			switch {
			case d.Record == 0:
				b.WriteString("file (-want +got):\n")
			case d.Line == 0:
				fmt.Fprintf(&b, "record %d, only in the golden file (-want +got):\n", d.Record)
			default:
				fmt.Fprintf(&b, "record %d (line %d) (-want +got):\n", d.Record, d.Line)
			}
			b.WriteString(strings.TrimRight(d.Diff, "\n"))
		}
	default:
		fmt.Fprintf(&b, "%s: %v", f.Input, f.Status)
	}
	return b.String()
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// Run checks the golden files of c from a test and reports each file that
// fails with t.Errorf: the records that differ, as go-cmp diffs, and how
// to update. A configuration that cannot be used (an unknown format, an
// unreadable mapping or folder) is reported with t.Fatalf. When Update is
// set, or the environment variable LEADTEST_UPDATE is true, Run writes the
// golden files instead, logs what it wrote, and the test passes.
func Run(t testing.TB, c Config) Result {
	t.Helper()
	if v, err := strconv.ParseBool(os.Getenv(UpdateEnv)); err == nil && v {
		c.Update = true
	}
	res, err := Check(c)
	if err != nil {
		t.Fatalf("leadtest: %v", err)
		return res
	}
	for _, f := range res.Files {
		switch {
		case f.Status.Failed():
			t.Errorf("leadtest: %s\n\nIf the new output is intended, update the golden files and review them (git diff %s):\n"+
				"  %s=1 go test -run '%s'\nor the test's own update flag, when it is passed as leadtest.Config.Update.",
				f, c.Dir, UpdateEnv, t.Name())
		case f.Status == Written || f.Status == Removed:
			t.Logf("leadtest: %s", f)
		}
	}
	return res
}

// Check converts the inputs of c and compares the output with their golden
// files, or writes the golden files when c.Update is set. It reads no
// environment variable. The error is for a configuration that cannot be
// used: an unknown format, an unreadable mapping, account folder or input,
// a folder without inputs, two inputs sharing a golden file; differences
// are in the Result.
func Check(c Config) (Result, error) {
	conv, err := newConverter(c)
	if err != nil {
		return Result{}, err
	}
	inputs, goldens, err := listDir(c)
	if err != nil {
		return Result{}, err
	}
	var res Result
	for _, in := range inputs {
		fr, err := checkFile(c, conv, in)
		if err != nil {
			return res, err
		}
		res.Files = append(res.Files, fr)
	}
	for _, g := range goldens {
		fr := FileResult{Golden: g, Status: Orphan}
		if c.Update {
			if err := os.Remove(g); err != nil {
				return res, err
			}
			fr.Status = Removed
		}
		res.Files = append(res.Files, fr)
	}
	return res, nil
}

// newConverter builds the converter of c as leadconv builds it from its
// flags.
func newConverter(c Config) (*convert.RecordConverter, error) {
	if c.Dir == "" {
		return nil, errors.New("Config.Dir is empty")
	}
	from, err := convert.ParseFormat(c.From)
	if err != nil {
		return nil, fmt.Errorf("Config.From: %w", err)
	}
	to, err := convert.ParseFormat(c.To)
	if err != nil {
		return nil, fmt.Errorf("Config.To: %w", err)
	}
	setup := convert.Setup{MappingFile: c.Mapping, Strict: c.Strict, PipedrivePlan: c.PipedrivePlan,
		PipedriveAccount: c.PipedriveAccount, CopperAccount: c.CopperAccount}
	if c.Mapping != "" {
		if setup.Mapping, err = os.ReadFile(c.Mapping); err != nil {
			return nil, err
		}
	}
	cv, err := setup.Converter()
	if err != nil {
		return nil, err
	}
	return convert.NewRecordConverter(from, to, cv)
}

// An input is one input file and its golden file.
type input struct {
	path, golden string
}

// listDir returns the inputs of c.Dir in the order of their names, and the
// golden files that belong to no input.
func listDir(c Config) ([]input, []string, error) {
	entries, err := os.ReadDir(c.Dir)
	if err != nil {
		return nil, nil, err
	}
	var mapping os.FileInfo
	if c.Mapping != "" {
		mapping, _ = os.Stat(c.Mapping)
	}
	var inputs []input
	goldens := map[string]bool{}
	owner := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			continue
		}
		if strings.HasSuffix(name, GoldenSuffix) {
			goldens[filepath.Join(c.Dir, name)] = true
			continue
		}
		ext := filepath.Ext(name)
		if ext != ".json" && ext != ".ndjson" {
			continue
		}
		path := filepath.Join(c.Dir, name)
		if mapping != nil {
			if fi, err := os.Stat(path); err == nil && os.SameFile(fi, mapping) {
				continue
			}
		}
		golden := strings.TrimSuffix(name, ext) + GoldenSuffix
		if other, ok := owner[golden]; ok {
			return nil, nil, fmt.Errorf("%s and %s would share the golden file %s; rename one", other, name, golden)
		}
		owner[golden] = name
		inputs = append(inputs, input{path: path, golden: filepath.Join(c.Dir, golden)})
	}
	if len(inputs) == 0 {
		return nil, nil, fmt.Errorf("no inputs (*.json, *.ndjson) in %s", c.Dir)
	}
	for _, in := range inputs {
		delete(goldens, in.golden)
	}
	orphans := make([]string, 0, len(goldens))
	for g := range goldens {
		orphans = append(orphans, g)
	}
	slices.Sort(orphans)
	return inputs, orphans, nil
}

// checkFile converts one input and compares the result with its golden
// file, or writes it.
func checkFile(c Config, conv *convert.RecordConverter, in input) (FileResult, error) {
	fr := FileResult{Input: in.path, Golden: in.golden}
	got, err := convertFile(c, conv, in.path)
	if err != nil {
		return fr, err
	}
	fr.Records = len(got.Records)
	gotBytes, err := encode(got)
	if err != nil {
		return fr, fmt.Errorf("%s: %w", in.path, err)
	}
	wantBytes, err := os.ReadFile(in.golden)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fr.Status = Missing
	case err != nil:
		return fr, err
	case bytes.Equal(wantBytes, gotBytes):
		fr.Status = Match
		return fr, nil
	default:
		fr.Status = Differ
		fr.Diffs = diffFile(wantBytes, got)
	}
	if c.Update {
		if err := os.WriteFile(in.golden, gotBytes, 0o644); err != nil {
			return fr, err
		}
		fr.Status, fr.Diffs = Written, nil
	}
	return fr, nil
}

// A file is the content of a golden file.
type file struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Records []record `json:"records"`
}

// A record is one input record in a golden file.
type record struct {
	Record int         `json:"record"`
	Line   int         `json:"line"`
	Output any         `json:"output,omitempty"`
	Report lead.Report `json:"report,omitempty"`
	Errors []string    `json:"errors,omitempty"`
}

// convertFile converts every record of the input at path.
func convertFile(c Config, conv *convert.RecordConverter, path string) (file, error) {
	f := file{From: c.From, To: c.To, Records: []record{}}
	r, err := os.Open(path)
	if err != nil {
		return f, err
	}
	defer r.Close()
	sp := stream.NewSplitter(r, filepath.Base(path), stream.Options{})
	var out []byte
	for n := 1; ; n++ {
		rec, err := sp.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return f, fmt.Errorf("%s: %w", path, err)
		}
		g := record{Record: n, Line: rec.Pos.Line}
		if rec.Err != nil {
			g.Errors = errorLines(rec.Err)
			f.Records = append(f.Records, g)
			continue
		}
		var rep lead.Report
		out, rep, err = conv.Convert(rec.Data, out[:0])
		if err != nil {
			g.Errors = errorLines(err)
			f.Records = append(f.Records, g)
			continue
		}
		if g.Output, err = decode(out); err != nil {
			g.Errors = []string{"(output): " + err.Error()}
		}
		g.Report = sortReport(rep)
		f.Records = append(f.Records, g)
	}
	return f, nil
}

// errorLines returns one line per FieldError of err, sorted.
func errorLines(err error) []string {
	var list lead.ErrorList
	var lines []string
	if errors.As(err, &list) {
		for _, e := range list {
			lines = append(lines, e.Error())
		}
	} else {
		lines = strings.Split(err.Error(), "\n")
	}
	slices.Sort(lines)
	return lines
}

// sortReport returns a sorted copy of rep, nil when it is empty.
func sortReport(rep lead.Report) lead.Report {
	if len(rep) == 0 {
		return nil
	}
	rep = slices.Clone(rep)
	slices.SortStableFunc(rep, func(a, b lead.Change) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Detail, b.Detail))
	})
	return rep
}

// decode decodes one JSON value, keeping numbers as their text.
func decode(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return v, nil
}

// encode returns the golden file of f: two-space indent, sorted keys, no
// HTML escaping, a final newline.
func encode(f file) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// diffFile compares the golden file want with got record by record.
func diffFile(want []byte, got file) []RecordDiff {
	var w file
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return []RecordDiff{{Diff: fmt.Sprintf("the golden file cannot be read (%v); it is replaced on update", err)}}
	}
	var diffs []RecordDiff
	if w.From != got.From || w.To != got.To {
		diffs = append(diffs, RecordDiff{Diff: fmt.Sprintf("- %s to %s\n+ %s to %s", w.From, w.To, got.From, got.To)})
	}
	for i := range max(len(w.Records), len(got.Records)) {
		switch {
		case i >= len(w.Records):
			g := got.Records[i]
			diffs = append(diffs, RecordDiff{Record: g.Record, Line: g.Line, Diff: prefixLines("+ ", g)})
		case i >= len(got.Records):
			diffs = append(diffs, RecordDiff{Record: w.Records[i].Record, Diff: prefixLines("- ", w.Records[i])})
		default:
			if d := diffRecord(w.Records[i], got.Records[i]); d != "" {
				diffs = append(diffs, RecordDiff{Record: got.Records[i].Record, Line: got.Records[i].Line, Diff: d})
			}
		}
	}
	if len(diffs) == 0 {
		diffs = append(diffs, RecordDiff{Diff: "the same records, written differently (by hand?); it is rewritten on update"})
	}
	return diffs
}

// diffRecord returns the go-cmp diffs of the parts of two records that
// differ, each under the part's name, so that a changed field is not lost
// among the parts that are the same.
func diffRecord(w, g record) string {
	var b strings.Builder
	part := func(name string, d string) {
		if d != "" {
			b.WriteString(name + ":\n" + d)
		}
	}
	if w.Record != g.Record || w.Line != g.Line {
		part("position", gocmp.Diff([2]int{w.Record, w.Line}, [2]int{g.Record, g.Line}))
	}
	part("output", gocmp.Diff(w.Output, g.Output))
	part("report", gocmp.Diff(w.Report, g.Report))
	part("errors", gocmp.Diff(w.Errors, g.Errors))
	return b.String()
}

// prefixLines returns the indented JSON of r with prefix before each line.
func prefixLines(prefix string, r record) string {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return prefix + err.Error()
	}
	return prefix + strings.ReplaceAll(string(b), "\n", "\n"+prefix)
}
