package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/leadbridge/leadbridge/internal/stream"
	"github.com/leadbridge/leadbridge/lead"
)

// An outFile is an output file (--rejects, --report). A regular file, or a
// name that does not exist yet, is written to a temporary file beside it
// (beside the file a symbolic link names, for a link) and renamed into
// place by commit, so that an interrupted or failed run never leaves a
// partial file under the final name; the new file keeps the permission
// bits of the file it replaces. Anything else (a device, a FIFO, a
// socket, /dev/stdout, /dev/fd/N) is opened and written in place, never
// renamed over. Errors name the path as the user typed it.
type outFile struct {
	path      string // as typed
	target    string // the file renamed over: path with its links followed
	f         *os.File
	w         *bufio.Writer
	inPlace   bool // f is the output itself, not a temporary file
	committed bool
}

// maxLinks is how many symbolic links createOutFile follows.
const maxLinks = 40

func createOutFile(path string) (*outFile, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("%s is a directory", path)
	case err == nil && !fi.Mode().IsRegular():
		// The kernel resolves /dev/stdout and /dev/fd/N to an open file,
		// which no path names: open what path names, where it is.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, typedPathErr("open", path, err)
		}
		return &outFile{path: path, target: path, f: f, w: bufio.NewWriterSize(f, 64<<10), inPlace: true}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, typedPathErr("open", path, err)
	}
	resolve := followLinks // a new file, maybe behind a dangling link
	if fi != nil {
		resolve = filepath.EvalSymlinks
	}
	target, err := resolve(path)
	if err != nil {
		return nil, typedPathErr("open", path, err)
	}
	perm := fs.FileMode(0o666) // less the umask, as for any new file
	if fi != nil {
		perm = fi.Mode().Perm()
	}
	f, err := createTemp(target, perm)
	if err != nil {
		return nil, typedPathErr("create", path, err)
	}
	if fi != nil {
		// Keep the bits the umask took away from the file being replaced.
		if err := f.Chmod(perm); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, typedPathErr("chmod", path, err)
		}
	}
	return &outFile{path: path, target: target, f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// followLinks returns the file path names once every symbolic link on
// the way is followed; the last one may name a file that does not exist.
func followLinks(path string) (string, error) {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// createTemp creates a new temporary file beside target, with perm less
// the umask.
func createTemp(target string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(target)
	for {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// typedPathErr returns err as an *fs.PathError naming path, the output as
// the user typed it, instead of a temporary file or a link's target.
func typedPathErr(op, path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &fs.PathError{Op: op, Path: path, Err: err}
}

// Write writes p to the buffer; an error names the output as typed.
func (o *outFile) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil {
		err = typedPathErr("write", o.path, err)
	}
	return n, err
}

// commit writes the file out and, unless it is written in place, renames
// it into place.
func (o *outFile) commit() error {
	err := o.w.Flush()
	if err == nil && !o.inPlace {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !o.inPlace {
		err = os.Rename(o.f.Name(), o.target)
	}
	if err != nil {
		if !o.inPlace {
			os.Remove(o.f.Name())
		}
		return typedPathErr("write", o.path, err)
	}
	o.committed = true
	return nil
}

// abort removes the temporary file; an output written in place keeps
// what was written.
func (o *outFile) abort() {
	o.f.Close()
	if !o.inPlace {
		os.Remove(o.f.Name())
	}
}

// fieldErrors returns the FieldErrors of a rejection: those of a
// lead.ErrorList or a *lead.FieldError, or, for any other error, one at
// the root with rule "invalid".
func fieldErrors(err error) lead.ErrorList {
	var list lead.ErrorList
	list.Append("", err)
	return list
}

// rejectLine is a line of the --rejects file:
//
//	{"file":"in.json","line":3,"index":2,"record":"{...}","errors":[{"path":"title","rule":"required","message":"title: required"}]}
//
// file and line locate the record's first byte ("<stdin>" for standard
// input); index is its 0-based place in a top-level JSON array or an
// envelope's data array, and is absent for NDJSON and single objects;
// record is the record's text, absent under --redact and for a record
// that was not kept (one over --max-record-bytes); errors holds one entry
// per broken rule, path "" meaning the whole record.
type rejectLine struct {
	File   string      `json:"file"`
	Line   int         `json:"line"`
	Index  *int        `json:"index,omitempty"`
	Record *string     `json:"record,omitempty"`
	Errors []errorJSON `json:"errors"`
}

// arrayIndex returns pos's index in its array, or nil when the record is
// in none.
func arrayIndex(pos stream.Position) *int {
	if pos.Index < 0 {
		return nil
	}
	i := pos.Index
	return &i
}

type errorJSON struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// appendReject appends the --rejects line of a rejected record to dst.
func appendReject(dst []byte, pos stream.Position, rec []byte, hasRec bool, err error, redact bool) []byte {
	l := rejectLine{File: pos.File, Line: pos.Line, Index: arrayIndex(pos)}
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

// reportLine is a line of the --report file; file, line and index are
// those of rejectLine.
type reportLine struct {
	File    string      `json:"file"`
	Line    int         `json:"line"`
	Index   *int        `json:"index,omitempty"`
	Changes lead.Report `json:"changes"`
}

// appendReport appends the --report line of a converted record to dst.
func appendReport(dst []byte, pos stream.Position, rep lead.Report, redact bool) []byte {
	if redact {
		rep = rep.Redact()
	}
	return appendJSONLine(dst, reportLine{File: pos.File, Line: pos.Line, Index: arrayIndex(pos), Changes: rep})
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

// strictErr rejects, under --strict, a conversion that lost a field the
// mapping did not cover (lead.LossUnmapped).
func strictErr(rep lead.Report) error { return rep.StrictErr() }

// errOutputLines rejects a converter's output that is not one line.
var errOutputLines = &lead.FieldError{Rule: "converted record spans several lines", Err: errors.New("the converter's output breaks NDJSON")}

// A namedFile is an input or output as the command line names it.
type namedFile struct {
	what string // "--rejects", "input", "--mapping", ...
	path string // as typed
}

func (n namedFile) String() string {
	if n.path == "" {
		return n.what
	}
	return n.what + " " + n.path
}

// errSameFile rejects an output that is one of the inputs, standard
// output, or another output.
var errSameFile = errors.New("is the same file as")

// checkOutputs refuses, before anything is read, an output that would
// destroy data or corrupt a stream: a regular file, FIFO or socket (after
// following links) that is also an input, standard input (a pipe even when
// it is not read) or output, or another output. Devices (/dev/null, a
// terminal) are written in place and may be shared. Two outputs that do
// not exist yet clash when their names do.
func checkOutputs(outputs, inputs []namedFile, std stdio) error {
	type stated struct {
		namedFile
		fi fs.FileInfo
	}
	stat := func(files []namedFile) []stated {
		var out []stated
		for _, f := range files {
			if f.path == "" || f.path == "-" {
				continue
			}
			fi, _ := os.Stat(f.path) // a file that cannot be stated is no input yet
			out = append(out, stated{f, fi})
		}
		return out
	}
	ins := stat(inputs)
	addStd := func(name string, v any) {
		if f, ok := v.(*os.File); ok {
			if fi, err := f.Stat(); err == nil {
				ins = append(ins, stated{namedFile{what: name}, fi})
			}
		}
	}
	addStd("standard output", std.out)
	if readsStdin(inputs) {
		addStd("standard input", std.in)
	}
	// A pipe or socket on standard input is never an output, read or not:
	// writing to it would feed leadconv its own output, or block.
	pipes := ins
	if !readsStdin(inputs) {
		if f, ok := std.in.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
				pipes = append(slices.Clip(ins), stated{namedFile{what: "standard input"}, fi})
			}
		}
	}
	outs := stat(outputs)
	for i, o := range outs {
		if o.fi == nil {
			for _, p := range outs[:i] {
				if p.fi == nil && filepath.Clean(p.path) == filepath.Clean(o.path) {
					return fmt.Errorf("%s %w %s", o, errSameFile, p)
				}
			}
			continue
		}
		// Devices (/dev/null, a terminal) are written in place and may be
		// shared; a regular file, FIFO or socket may not: writing it
		// would replace an input, feed a pipe leadconv reads, or mix two
		// outputs' lines.
		if o.fi.Mode()&fs.ModeDevice != 0 {
			continue
		}
		against := ins
		if !o.fi.Mode().IsRegular() {
			against = pipes
		}
		for _, in := range against {
			if in.fi != nil && os.SameFile(o.fi, in.fi) {
				return fmt.Errorf("%s %w %s", o, errSameFile, in)
			}
		}
		for _, p := range outs[:i] {
			if p.fi != nil && os.SameFile(o.fi, p.fi) {
				return fmt.Errorf("%s %w %s", o, errSameFile, p)
			}
		}
	}
	return nil
}

// readsStdin reports whether the inputs include standard input: no FILE,
// or "-".
func readsStdin(inputs []namedFile) bool {
	files := 0
	for _, in := range inputs {
		if in.what == "input" {
			files++
			if in.path == "-" {
				return true
			}
		}
	}
	return files == 0
}
