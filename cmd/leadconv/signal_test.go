//go:build unix

package main

import (
	"io"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// interruptingReader yields NDJSON lines and interrupts the process (which
// the run under test catches) once it has given some.
type interruptingReader struct {
	n    int
	once sync.Once
	t    *testing.T
}

func (r *interruptingReader) Read(p []byte) (int, error) {
	r.n++
	if r.n == 50 {
		r.once.Do(func() {
			if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
				r.t.Error(err)
			}
		})
	}
	if r.n > 1_000_000 {
		return 0, io.EOF // the signal never came: the test fails on the exit status
	}
	return copy(p, "{\"title\":\"bad\"}\n"), nil
}

// TestInterrupt checks that an interrupted run stops, exits with status 2
// and leaves no rejects file.
func TestInterrupt(t *testing.T) {
	for _, workers := range []string{"1", "3"} {
		t.Run("workers="+workers, func(t *testing.T) {
			dir := t.TempDir()
			rej := filepath.Join(dir, "rejects.ndjson")
			r := runApp(t, fakeApp(fakeConv{}), &interruptingReader{t: t},
				"convert", "--from", "copper", "--to", "copper", "--rejects", rej, "--workers", workers)
			if r.code != exitUsage || !strings.Contains(r.stderr, "leadconv: interrupted (not written: "+rej+")") {
				t.Errorf("exit %d, stderr %q; want 2 and the interruption", r.code, r.stderr)
			}
			mustNotExist(t, rej)
			noTemps(t, dir)
		})
	}
}
