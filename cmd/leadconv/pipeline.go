package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/leadbridge/leadbridge/internal/stream"
	"github.com/leadbridge/leadbridge/lead"
)

var (
	errInterrupted = errors.New("interrupted")
	errStopped     = errors.New("stopped after a write error")
)

// An input is one FILE argument.
type input struct {
	name    string // as given; "-" is standard input
	display string // its name in positions and messages
}

// checkInputs checks that the named files exist before anything is
// written, and returns their total size, or -1 when some size is unknown
// (a pipe, a terminal).
func checkInputs(files []string, stdin io.Reader) ([]input, int64, error) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	var total int64
	inputs := make([]input, 0, len(files))
	for _, name := range files {
		in := input{name: name, display: name}
		var fi os.FileInfo
		if name == "-" {
			in.display = "<stdin>"
			if f, ok := stdin.(*os.File); ok {
				fi, _ = f.Stat()
			}
		} else {
			var err error
			if fi, err = os.Stat(name); err != nil {
				return nil, 0, err
			}
			if fi.IsDir() {
				return nil, 0, fmt.Errorf("%s is a directory", name)
			}
		}
		if fi != nil && fi.Mode().IsRegular() && total >= 0 {
			total += fi.Size()
		} else {
			total = -1
		}
		inputs = append(inputs, in)
	}
	return inputs, total, nil
}

// execute converts (or, with validate, validates) the records of o's
// inputs with conv and returns the exit status.
func execute(o *options, conv converter, validate bool, std stdio) int {
	inputs, total, err := checkInputs(o.files, std.in)
	if err != nil {
		fmt.Fprintf(std.err, "leadconv: %v\n", err)
		return exitUsage
	}
	j := &job{
		conv: conv, labels: labelerOf(conv), strict: o.strict, redact: o.redact, workers: o.workers, maxRecord: o.maxRecordBytes,
		bigRecord: o.bigRecord,
		stdin:     std.in, stderr: std.err,
	}
	var outs []*outFile
	for _, out := range []struct {
		path string
		w    *io.Writer
	}{{o.rejects, &j.rejects}, {o.report, &j.report}} {
		if out.path == "" {
			continue
		}
		f, err := createOutFile(out.path)
		if err != nil {
			for _, f := range outs {
				f.abort()
			}
			fmt.Fprintf(std.err, "leadconv: %v\n", err)
			return exitUsage
		}
		outs = append(outs, f)
		*out.w = f
	}
	if !validate {
		j.out = bufio.NewWriterSize(std.out, 64<<10)
	}
	if o.progress.show(std.err) {
		j.prog = newProgress(std.err, total)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second signal ends the process
	j.done = ctx.Done()

	if j.workers == 1 {
		err = j.runSequential(inputs)
	} else {
		err = j.runParallel(inputs)
	}
	j.prog.finish(j.st.read)
	if j.out != nil {
		if ferr := j.out.Flush(); ferr != nil && err == nil {
			err = fmt.Errorf("writing standard output: %w", ferr)
		}
	}
	for i, f := range outs {
		if err == nil {
			err = f.commit()
		}
		if err != nil {
			for _, f := range outs[i:] {
				f.abort()
			}
			break
		}
	}

	// An empty input is no error (a filter over an export that matched
	// nothing is empty), but it is worth a word: a wrong file often is.
	for _, name := range j.empty {
		fmt.Fprintf(std.err, "leadconv: warning: no leads in %s\n", name)
	}
	passed := "converted"
	if validate {
		passed = "valid"
	}
	writeSummary(std.err, &j.st, passed)
	if err != nil {
		msg := err.Error()
		var lost []string
		for _, f := range outs {
			if !f.committed {
				lost = append(lost, f.path)
			}
		}
		if len(lost) > 0 {
			msg += " (not written: " + strings.Join(lost, ", ") + ")"
		}
		fmt.Fprintf(std.err, "leadconv: %s\n", msg)
		return exitUsage
	}
	if j.st.rejected > 0 {
		return exitRejected
	}
	return exitOK
}

// A job is one run over the inputs.
type job struct {
	conv      converter
	labels    *labeler // names the summary's fields
	strict    bool
	redact    bool
	workers   int
	maxRecord int
	bigRecord func() // called once, before the first record of over bigRecordBytes

	stdin   io.Reader
	out     *bufio.Writer // standard output; nil when validating
	rejects io.Writer     // nil: one line per error on stderr
	report  io.Writer     // nil: no report
	stderr  io.Writer
	prog    *progress // nil: no progress bar
	done    <-chan struct{}

	st    stats
	empty []string // the inputs that held no record, in order; only the reader touches it
	pool  sync.Pool
}

// An item carries one record through the pipeline. Its buffers are reused.
type item struct {
	pos     stream.Position
	data    []byte // the record's bytes
	hasData bool   // the splitter gave bytes (it gives none for a record over the size limit)
	err     error  // the splitter's rejection

	ok      bool           // converted
	out     []byte         // the converted record
	rej     []byte         // its --rejects line, or its error lines for stderr
	rep     []byte         // its --report line
	changes []summaryEntry // for the summary
}

func (it *item) load(r stream.Record) {
	it.pos = r.Pos
	it.data = append(it.data[:0], r.Data...)
	it.hasData = r.Data != nil
	it.err = r.Err
}

// A batch carries consecutive records through the parallel pipeline, so
// that the cost of handing work between goroutines is paid once for many
// records.
type batch struct {
	items []item
	n     int           // items in use
	size  int           // their bytes
	ready chan struct{} // a worker is done with it
}

// A batch is sent on when it holds this many records or bytes.
const (
	batchRecords = 64
	batchBytes   = 256 << 10
)

func (b *batch) add(r stream.Record) (full bool) {
	if b.n == len(b.items) {
		b.items = append(b.items, item{})
	}
	b.items[b.n].load(r)
	b.n++
	b.size += len(r.Data)
	return b.n == batchRecords || b.size >= batchBytes
}

func (j *job) get() *batch {
	if b, ok := j.pool.Get().(*batch); ok {
		return b
	}
	return &batch{items: make([]item, 0, batchRecords), ready: make(chan struct{}, 1)}
}

// put returns b to the pool, without the buffers a rare large record left.
func (j *job) put(b *batch) {
	const keep = 1 << 20
	for i := range b.items[:b.n] {
		it := &b.items[i]
		for _, buf := range []*[]byte{&it.data, &it.out, &it.rej, &it.rep} {
			if cap(*buf) > keep {
				*buf = nil
			}
		}
		it.err, it.changes = nil, nil
	}
	b.n, b.size = 0, 0
	j.pool.Put(b)
}

// runSequential does everything in the calling goroutine.
func (j *job) runSequential(inputs []input) error {
	var it item
	return j.each(inputs, func(r stream.Record) error {
		it.load(r)
		j.process(&it)
		return j.write(&it)
	})
}

// runParallel reads in the calling goroutine, converts in j.workers
// goroutines and writes in one more, in input order. Records travel in
// batches; at most 2*j.workers+2 batches are in flight, whatever the input's
// size.
func (j *job) runParallel(inputs []input) error {
	queue := make(chan *batch, 2*j.workers) // in input order, to the writer
	work := make(chan *batch, j.workers)    // to the workers
	var wg sync.WaitGroup
	for range j.workers {
		wg.Go(func() {
			for b := range work {
				for i := range b.items[:b.n] {
					j.process(&b.items[i])
				}
				b.ready <- struct{}{}
			}
		})
	}
	var failed atomic.Bool
	writeErr := make(chan error, 1)
	go func() {
		var err error
		for b := range queue {
			<-b.ready
			for i := range b.items[:b.n] {
				if err == nil {
					if err = j.write(&b.items[i]); err != nil {
						failed.Store(true)
					}
				}
			}
			j.put(b)
		}
		writeErr <- err
	}()
	send := func(b *batch) {
		queue <- b
		work <- b
	}
	b := j.get()
	err := j.each(inputs, func(r stream.Record) error {
		if failed.Load() {
			return errStopped
		}
		if b.add(r) {
			send(b)
			b = j.get()
		}
		return nil
	})
	if b.n > 0 && err == nil {
		send(b)
	}
	close(work)
	close(queue)
	wg.Wait()
	if werr := <-writeErr; werr != nil {
		return werr
	}
	return err
}

// each calls fn for every record of the inputs, in order.
func (j *job) each(inputs []input, fn func(stream.Record) error) error {
	for _, in := range inputs {
		if err := j.split(in, fn); err != nil {
			return err
		}
	}
	return nil
}

func (j *job) split(in input, fn func(stream.Record) error) error {
	r := j.stdin
	if in.name != "-" {
		f, err := os.Open(in.name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	if j.prog != nil {
		r = countingReader{r: r, p: j.prog}
	}
	s := stream.NewSplitter(r, in.display, stream.Options{MaxRecordBytes: j.maxRecord})
	for n := 0; ; n++ {
		select {
		case <-j.done:
			return errInterrupted
		default:
		}
		rec, err := s.Next()
		if err == io.EOF {
			if n == 0 {
				j.empty = append(j.empty, in.display)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", in.display, err)
		}
		if j.bigRecord != nil && len(rec.Data) > bigRecordBytes {
			j.bigRecord()
			j.bigRecord = nil
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// process converts a record and renders what the writer will write. It
// runs in the workers.
func (j *job) process(it *item) {
	it.out, it.rej, it.rep, it.changes = it.out[:0], it.rej[:0], it.rep[:0], nil
	err := it.err
	var rep lead.Report
	if err == nil {
		it.out, rep, err = j.convert(it.data, it.out)
		if err == nil && j.strict {
			err = strictErr(rep)
		}
		if err == nil && bytes.IndexByte(it.out, '\n') >= 0 {
			err = errOutputLines
		}
	}
	it.ok = err == nil
	switch {
	case !it.ok && j.rejects != nil:
		it.rej = appendReject(it.rej, it.pos, it.data, it.hasData, err, j.redact)
	case !it.ok:
		it.rej = appendErrorLines(it.rej, it.pos, err, j.redact)
	case len(rep) > 0:
		it.changes = j.labels.summarize(it.data, rep)
		if j.report != nil {
			it.rep = appendReport(it.rep, it.pos, rep, j.redact)
		}
	}
}

// convert calls the converter; a panic rejects the record instead of
// ending the run.
func (j *job) convert(rec, out []byte) (res []byte, rep lead.Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, rep = out, nil
			err = &lead.FieldError{Rule: "converter panicked", Err: fmt.Errorf("%w: %v", lead.ErrInvalid, r)}
		}
	}()
	return j.conv.Convert(rec, out)
}

// write writes a processed record, in input order. It runs in one
// goroutine.
func (j *job) write(it *item) error {
	j.st.read++
	defer j.prog.update(j.st.read)
	if !it.ok {
		j.st.rejected++
		if j.rejects != nil {
			if _, err := j.rejects.Write(it.rej); err != nil {
				return fmt.Errorf("writing rejects: %w", err)
			}
			return nil
		}
		j.prog.clear()
		if _, err := j.stderr.Write(it.rej); err != nil {
			return fmt.Errorf("writing standard error: %w", err)
		}
		return nil
	}
	j.st.converted++
	j.st.count(it.changes)
	if j.out != nil {
		j.out.Write(it.out)
		if err := j.out.WriteByte('\n'); err != nil { // a bufio.Writer's error sticks
			return fmt.Errorf("writing standard output: %w", err)
		}
	}
	if len(it.rep) > 0 {
		if _, err := j.report.Write(it.rep); err != nil {
			return fmt.Errorf("writing report: %w", err)
		}
	}
	return nil
}
