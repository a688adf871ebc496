package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// A progressMode is the value of --progress.
type progressMode string

const (
	progressAuto   progressMode = "auto"   // when standard error is a terminal
	progressAlways progressMode = "always" // even when it is not
	progressNever  progressMode = "never"
)

// Set implements flag.Value.
func (m *progressMode) Set(s string) error {
	switch progressMode(s) {
	case progressAuto, progressAlways, progressNever:
		*m = progressMode(s)
		return nil
	}
	return fmt.Errorf("want auto, always or never, got %q", s)
}

func (m *progressMode) String() string { return string(*m) }

// show reports whether the mode shows a bar on w.
func (m progressMode) show(w io.Writer) bool {
	switch m {
	case progressAlways:
		return true
	case progressAuto:
		f, ok := w.(*os.File)
		return ok && term.IsTerminal(int(f.Fd()))
	}
	return false
}

// A progress shows records per second and bytes read (of the total, when
// the inputs are regular files) on standard error. All methods but the
// byte count are called from one goroutine, the one that writes the
// output; a nil *progress shows nothing.
type progress struct {
	bar   *progressbar.ProgressBar
	w     io.Writer
	total int64        // bytes to read, -1 when unknown
	read  atomic.Int64 // bytes read, counted by the input readers
	start time.Time
	last  time.Time
}

// newProgress returns a progress bar writing to w; total is the number of
// bytes to read, or -1 when unknown.
func newProgress(w io.Writer, total int64) *progress {
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("starting"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetSpinnerChangeInterval(0), // no goroutine of its own: only update renders
		// The last frame stays, on a line of its own, above the summary.
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
	bar.StartWithoutRender() // rates count from now
	now := time.Now()
	return &progress{bar: bar, w: w, total: total, start: now, last: now}
}

// countBytes adds n to the bytes read; it is safe for concurrent use.
func (p *progress) countBytes(n int) {
	if p != nil {
		p.read.Add(int64(n))
	}
}

// update shows that n records have been written, at most ten times a
// second (the bar itself is not throttled).
func (p *progress) update(n int) {
	if p == nil || n%64 != 0 {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		p.render(n, now)
	}
}

func (p *progress) render(n int, now time.Time) {
	rate := float64(n) / max(now.Sub(p.start).Seconds(), 1e-3)
	// The input may be read whole while records are still converted:
	// only finish lets the bar reach its total, which ends its line.
	read := p.read.Load()
	if p.total > 0 && read >= p.total {
		read = p.total - 1
	}
	_ = p.bar.Set64(read) // a failed write to standard error is not worth stopping for
	p.bar.Describe(fmt.Sprintf("%d records (%.0f/s)", n, rate))
}

// clear erases the bar, before a line is written to standard error.
func (p *progress) clear() {
	if p != nil {
		_ = p.bar.Clear()
	}
}

// finish shows the final count and bytes read, and ends the bar's line:
// a run that read all its input ends at 100%, one that stopped early where
// it stopped.
func (p *progress) finish(n int) {
	if p == nil {
		return
	}
	rate := float64(n) / max(time.Since(p.start).Seconds(), 1e-3)
	p.bar.Describe(fmt.Sprintf("%d records (%.0f/s)", n, rate))
	_ = p.bar.Set64(p.read.Load()) // reaching the total draws the full bar and ends the line
	if p.total < 0 {
		_ = p.bar.Finish() // a spinner's last frame
		return
	}
	if !p.bar.IsFinished() {
		_ = p.bar.Exit()
		fmt.Fprintln(p.w)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	p *progress
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.countBytes(n)
	return n, err
}
