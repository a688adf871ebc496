package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/leadbridge/leadbridge/internal/stream"
	"github.com/leadbridge/leadbridge/lead"
)

// An outFile is an output file written to a temporary file beside it and
// renamed into place by commit, so that an interrupted or failed run never
// leaves a partial file under the final name.
type outFile struct {
	path      string
	f         *os.File
	w         *bufio.Writer
	committed bool
}

func createOutFile(path string) (*outFile, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &outFile{path: path, f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

func (o *outFile) Write(p []byte) (int, error) { return o.w.Write(p) }

// commit writes the file out and renames it into place.
func (o *outFile) commit() error {
	err := o.w.Flush()
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.f.Name(), o.path)
	}
	if err != nil {
		os.Remove(o.f.Name())
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	o.committed = true
	return nil
}

// abort removes the temporary file.
func (o *outFile) abort() {
	o.f.Close()
	os.Remove(o.f.Name())
}

// fieldErrors returns the FieldErrors of a rejection: those of a
// lead.ErrorList or a *lead.FieldError, or, for any other error, one at
// the root with rule "invalid".
func fieldErrors(err error) lead.ErrorList {
	var list lead.ErrorList
	list.Append("", err)
	return list
}

// rejectLine is a line of the --rejects file.
type rejectLine struct {
	File   string      `json:"file"`
	Line   int         `json:"line"`
	Index  int         `json:"index"`
	Record *string     `json:"record,omitempty"` // the record's text; left out under --redact or when unknown
	Errors []errorJSON `json:"errors"`
}

type errorJSON struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// appendReject appends the --rejects line of a rejected record to dst.
func appendReject(dst []byte, pos stream.Position, rec []byte, hasRec bool, err error, redact bool) []byte {
	l := rejectLine{File: pos.File, Line: pos.Line, Index: pos.Index}
	if hasRec && !redact {
		s := string(rec)
		l.Record = &s
	}
	for _, fe := range fieldErrors(err) {
		msg := fe.Error()
		if redact {
			msg = fe.Redacted()
		}
		l.Errors = append(l.Errors, errorJSON{Path: fe.Path, Rule: fe.Rule, Message: msg})
	}
	return appendJSONLine(dst, l)
}

// appendErrorLines appends one "file:line: path: rule" line per error to
// dst; the path of an array element starts with its index.
func appendErrorLines(dst []byte, pos stream.Position, err error, redact bool) []byte {
	for _, fe := range fieldErrors(err) {
		e := *fe
		if pos.Index >= 0 {
			e.Path = lead.JoinPath(lead.IndexPath(pos.Index), e.Path)
		}
		dst = append(dst, pos.File...)
		dst = append(dst, ':')
		dst = strconv.AppendInt(dst, int64(pos.Line), 10)
		dst = append(dst, ": "...)
		if redact {
			dst = append(dst, e.Redacted()...)
		} else {
			dst = append(dst, e.Error()...)
		}
		dst = append(dst, '\n')
	}
	return dst
}

// reportLine is a line of the --report file.
type reportLine struct {
	File    string      `json:"file"`
	Line    int         `json:"line"`
	Index   int         `json:"index"`
	Changes lead.Report `json:"changes"`
}

// appendReport appends the --report line of a converted record to dst.
func appendReport(dst []byte, pos stream.Position, rep lead.Report, redact bool) []byte {
	if redact {
		rep = rep.Redact()
	}
	return appendJSONLine(dst, reportLine{File: pos.File, Line: pos.Line, Index: pos.Index, Changes: rep})
}

// appendJSONLine appends v as one line of JSON, without HTML escaping.
func appendJSONLine(dst []byte, v any) []byte {
	b := bytes.NewBuffer(dst)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // the line types always marshal
	}
	return b.Bytes()
}

// strictErr rejects, under --strict, a conversion that dropped fields the
// mapping did not cover (lead.LossUnmapped).
func strictErr(rep lead.Report) error { return rep.StrictErr() }

// errOutputLines rejects a converter's output that is not one line.
var errOutputLines = &lead.FieldError{Rule: "converted record spans several lines", Err: errors.New("the converter's output breaks NDJSON")}

// changeKey counts changes in the summary.
type changeKey struct {
	path string
	kind lead.ChangeKind
}

// stats are the counts of a run.
type stats struct {
	read, converted, rejected int
	changes                   map[changeKey]int
}

func (s *stats) count(rep lead.Report) {
	for _, c := range rep {
		if s.changes == nil {
			s.changes = make(map[changeKey]int)
		}
		kind := c.Kind
		if c.Loss != "" {
			kind += lead.ChangeKind(" (" + c.Loss + ")") // dropped (unmapped)
		}
		s.changes[changeKey{c.Path, kind}]++
	}
}

// writeSummary writes the summary of a run: the counts, then the changes
// per field path and kind, sorted.
func writeSummary(w io.Writer, s *stats, passed string) {
	fmt.Fprintf(w, "leadconv: %d read, %d %s, %d rejected\n", s.read, s.converted, passed, s.rejected)
	if len(s.changes) == 0 {
		return
	}
	keys := make([]changeKey, 0, len(s.changes))
	for k := range s.changes {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b changeKey) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.kind, b.kind))
	})
	fmt.Fprintln(w, "leadconv: changes (path, kind, records):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range keys {
		path := k.path
		if path == "" {
			path = "(root)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", path, k.kind, s.changes[k])
	}
	tw.Flush()
}
