//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/leadbridge/leadbridge/lead"
)

// countingConv counts the records it is given.
type countingConv struct {
	fakeConv
	n *atomic.Int64
}

func (c countingConv) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	c.n.Add(1)
	return c.fakeConv.Convert(rec, out)
}

// lossyInput is NDJSON of n records that fakeConv reports changes for,
// every third one rejected.
func lossyInput(n int) string {
	var b strings.Builder
	for i := range n {
		if i%3 == 2 {
			fmt.Fprintf(&b, "{\"title\":\"bad %d\"}\n", i)
		} else {
			fmt.Fprintf(&b, "{\"title\":\"lossy %d\"}\n", i)
		}
	}
	return b.String()
}

func mustLstat(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// TestSameFile checks that an output that is one of the inputs (by name,
// through a symbolic link or a hard link), standard output, or the other
// output, is refused before any record is read, with a message naming both
// paths as typed, and that the input is left as it was.
func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	content := lossyInput(6)
	in := writeFile(t, dir, "in.ndjson", content)
	link := filepath.Join(dir, "link.ndjson")
	if err := os.Symlink("in.ndjson", link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.ndjson")
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	mapping := writeFile(t, dir, "mapping.json", "{}")
	acct := filepath.Join(dir, "acct")
	if err := os.Mkdir(acct, 0o755); err != nil {
		t.Fatal(err)
	}
	users := writeFile(t, acct, "users.json", "[]")
	other := writeFile(t, dir, "other.ndjson", "old\n")
	otherHard := filepath.Join(dir, "other-hard.ndjson")
	if err := os.Link(other, otherHard); err != nil {
		t.Fatal(err)
	}
	conv := []string{"convert", "--from", "pipedrive", "--to", "copper"}
	for _, tc := range []struct {
		name  string
		args  []string
		paths []string // named in the message, as typed
	}{
		{"rejects is the input", []string{"--rejects", in, in}, []string{"--rejects " + in, "input " + in}},
		{"report is the input", []string{"--report", in, in}, []string{"--report " + in, "input " + in}},
		{"rejects is the second input", []string{"--rejects", in, other, in}, []string{"--rejects " + in, "input " + in}},
		{"through a symbolic link", []string{"--rejects", link, in}, []string{"--rejects " + link, "input " + in}},
		{"input through a symbolic link", []string{"--report", in, link}, []string{"--report " + in, "input " + link}},
		{"through a hard link", []string{"--rejects", hard, in}, []string{"--rejects " + hard, "input " + in}},
		{"through a relative name", []string{"--rejects", filepath.Join(dir, ".", "acct", "..", "in.ndjson"), in}, []string{"input " + in}},
		{"the mapping", []string{"--mapping", mapping, "--report", mapping, in}, []string{"--report " + mapping, "--mapping " + mapping}},
		{"an account export", []string{"--pipedrive-account", acct, "--rejects", users, in}, []string{"--rejects " + users, "--pipedrive-account export " + users}},
		{"the two outputs", []string{"--rejects", other, "--report", otherHard, in}, []string{"--report " + otherHard, "--rejects " + other}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int64
			r := runApp(t, fakeApp(countingConv{n: &n}), nil, append(conv, tc.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want 2; stderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "is the same file as") {
				t.Errorf("stderr does not say why:\n%s", r.stderr)
			}
			for _, p := range tc.paths {
				if !strings.Contains(r.stderr, p) {
					t.Errorf("stderr does not name %q:\n%s", p, r.stderr)
				}
			}
			if n.Load() != 0 || r.stdout != "" {
				t.Errorf("%d records converted, stdout %q; want none", n.Load(), r.stdout)
			}
			for p, want := range map[string]string{in: content, other: "old\n", mapping: "{}", users: "[]"} {
				if b, err := os.ReadFile(p); err != nil || string(b) != want {
					t.Errorf("%s changed: %q, %v", p, b, err)
				}
			}
			if fi := mustLstat(t, link); fi.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("%s is no longer a link", link)
			}
			noTemps(t, dir)
		})
	}
	t.Run("standard output", func(t *testing.T) {
		out, err := os.Create(filepath.Join(t.TempDir(), "out.ndjson"))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		var errb bytes.Buffer
		code := fakeApp(fakeConv{}).run(append(conv, "--report", out.Name(), in), stdio{in: strings.NewReader(""), out: out, err: &errb})
		if code != exitUsage || !strings.Contains(errb.String(), "--report "+out.Name()+" is the same file as standard output") {
			t.Errorf("exit %d, stderr:\n%s", code, errb.String())
		}
	})
	t.Run("standard input", func(t *testing.T) {
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out, errb bytes.Buffer
		code := fakeApp(fakeConv{}).run(append(conv, "--rejects", in), stdio{in: f, out: &out, err: &errb})
		if code != exitUsage || !strings.Contains(errb.String(), "--rejects "+in+" is the same file as standard input") {
			t.Errorf("exit %d, stderr:\n%s", code, errb.String())
		}
		if b, _ := os.ReadFile(in); string(b) != content {
			t.Errorf("%s changed", in)
		}
	})
	// A pipe on standard input or output is never an output too: writing
	// standard input's pipe feeds leadconv its own report (and never ends),
	// and a report on standard output's pipe cuts records in half.
	for _, std := range []string{"input", "output"} {
		for _, read := range []bool{true, false} {
			if std == "output" && !read {
				continue
			}
			t.Run("pipe on standard "+std+fmt.Sprintf(" read=%v", read), func(t *testing.T) {
				pr, pw, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				defer pr.Close()
				defer pw.Close()
				var errb, outb bytes.Buffer
				io := stdio{in: strings.NewReader(""), out: &outb, err: &errb}
				target, args := pr, append(slices.Clone(conv), "--report", "")
				if std == "output" {
					io.out, target = pw, pw
				} else {
					io.in = pr
				}
				args[len(args)-1] = fmt.Sprintf("/dev/fd/%d", target.Fd())
				if !read || std == "output" {
					args = append(args, in)
				}
				code := fakeApp(fakeConv{}).run(args, io)
				if code != exitUsage || !strings.Contains(errb.String(), "is the same file as standard "+std) {
					t.Errorf("exit %d, stderr:\n%s", code, errb.String())
				}
			})
		}
	}
	// Devices may be input and output at once: nothing is destroyed.
	t.Run("device", func(t *testing.T) {
		r := runApp(t, fakeApp(fakeConv{}), nil, append(conv, "--rejects", os.DevNull, "--report", os.DevNull, os.DevNull)...)
		if r.code != exitOK {
			t.Errorf("exit %d; stderr:\n%s", r.code, r.stderr)
		}
	})
}

// runWithReader starts a goroutine reading everything from the file at
// path (a FIFO) and returns a function that waits for what it read.
func readAll(t *testing.T, open func() (io.ReadCloser, error)) func() string {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		r, err := open()
		if err != nil {
			t.Error(err)
			done <- ""
			return
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Error(err)
		}
		done <- string(b)
	}()
	return func() string { return <-done }
}

// wantLines checks that got holds want lines of report or rejects.
func wantLines(t *testing.T, what, got string, want int) {
	t.Helper()
	if n := strings.Count(got, "\n"); n != want || !strings.HasPrefix(got, `{"file":`) {
		t.Errorf("%s: %d lines, want %d:\n%.300s", what, n, want, got)
	}
}

// TestOutputInPlace checks that outputs that are not regular files are
// written where they are and stay what they are: a FIFO (read by another
// goroutine), a symbolic link to a FIFO, /dev/fd/N of a pipe, and a
// character device.
func TestOutputInPlace(t *testing.T) {
	const records = 300 // 200 report lines, 100 rejects
	in := lossyInput(records)
	for _, workers := range []string{"1", "3"} {
		t.Run("fifo/workers="+workers, func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "report.fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("mkfifo:", err)
			}
			link := filepath.Join(dir, "rejects.ndjson")
			fifo2 := filepath.Join(dir, "rejects.fifo")
			if err := syscall.Mkfifo(fifo2, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("rejects.fifo", link); err != nil {
				t.Fatal(err)
			}
			report := readAll(t, func() (io.ReadCloser, error) { return os.Open(fifo) })
			rejects := readAll(t, func() (io.ReadCloser, error) { return os.Open(fifo2) })
			r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive",
				"--report", fifo, "--rejects", link, "--workers", workers)
			if r.code != exitRejected {
				t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
			}
			wantLines(t, "report", report(), records*2/3)
			wantLines(t, "rejects", rejects(), records/3)
			if fi := mustLstat(t, fifo); fi.Mode().Type() != fs.ModeNamedPipe {
				t.Errorf("%s is now %v, want a FIFO", fifo, fi.Mode())
			}
			if fi := mustLstat(t, link); fi.Mode().Type() != fs.ModeSymlink {
				t.Errorf("%s is now %v, want a symbolic link", link, fi.Mode())
			}
			if fi := mustLstat(t, fifo2); fi.Mode().Type() != fs.ModeNamedPipe {
				t.Errorf("%s is now %v, want a FIFO", fifo2, fi.Mode())
			}
			noTemps(t, dir)
		})
	}
	t.Run("dev-fd-N", func(t *testing.T) {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer pr.Close()
		path := fmt.Sprintf("/dev/fd/%d", pw.Fd())
		if _, err := os.Stat(path); err != nil {
			pw.Close()
			t.Skip(err)
		}
		got := readAll(t, func() (io.ReadCloser, error) { return pr, nil })
		r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive", "--report", path)
		pw.Close() // the run closed its own descriptor of the pipe
		if r.code != exitRejected {
			t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
		}
		wantLines(t, "report", got(), records*2/3)
	})
	t.Run("character device", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("creating a device needs root")
		}
		dev := filepath.Join(t.TempDir(), "null")
		// A clone of /dev/null: major 1, minor 3.
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skip("mknod:", err)
		}
		r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(in), "convert", "--from", "copper", "--to", "pipedrive",
			"--report", dev, "--rejects", dev)
		if r.code != exitRejected {
			t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
		}
		fi := mustLstat(t, dev)
		if fi.Mode().Type() != fs.ModeDevice|fs.ModeCharDevice {
			t.Errorf("%s is now %v, want a character device", dev, fi.Mode())
		}
		noTemps(t, filepath.Dir(dev))
	})
}

// TestOutputLinks checks that a symbolic link to a regular file is
// followed: the target is replaced, keeping its permission bits, and the
// link stays; a link to a file not yet there creates the file.
func TestOutputLinks(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	target := writeFile(t, sub, "report.ndjson", "old\n")
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.ndjson")
	if err := os.Symlink(filepath.Join("sub", "report.ndjson"), link); err != nil {
		t.Fatal(err)
	}
	// A chain of two links, the last one dangling.
	newLink := filepath.Join(dir, "rejects.ndjson")
	if err := os.Symlink("mid.ndjson", newLink); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(sub, "rejects.ndjson"), filepath.Join(dir, "mid.ndjson")); err != nil {
		t.Fatal(err)
	}
	const records = 30
	r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(lossyInput(records)), "convert", "--from", "copper", "--to", "pipedrive",
		"--report", link, "--rejects", newLink)
	if r.code != exitRejected {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	for _, l := range []struct{ link, dest string }{{link, "sub/report.ndjson"}, {newLink, "mid.ndjson"}} {
		if got, err := os.Readlink(l.link); err != nil || got != l.dest {
			t.Errorf("%s: link now %q (%v), want %q", l.link, got, err, l.dest)
		}
	}
	b, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, "report", string(b), records*2/3)
	if fi := mustLstat(t, target); fi.Mode() != 0o640 {
		t.Errorf("target mode %v, want -rw-r-----", fi.Mode())
	}
	b, err = os.ReadFile(filepath.Join(sub, "rejects.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	wantLines(t, "rejects", string(b), records/3)
	// A new file gets the mode of any new file: 0666 less the umask.
	ref, err := os.Create(filepath.Join(t.TempDir(), "ref"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Close()
	if fi, want := mustLstat(t, filepath.Join(sub, "rejects.ndjson")), mustLstat(t, ref.Name()); fi.Mode() != want.Mode() {
		t.Errorf("new file mode %v, want %v", fi.Mode(), want.Mode())
	}
	noTemps(t, dir)
	noTemps(t, sub)
}

// TestOutputErrorNames checks that an output that cannot be created is
// named as typed, never by its temporary file or a link's target.
func TestOutputErrorNames(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "report.ndjson")
	if err := os.Symlink(filepath.Join(dir, "gone", "report.ndjson"), link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{link, filepath.Join(dir, "nodir", "rejects.ndjson")} {
		r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(lossyInput(3)), "convert", "--from", "copper", "--to", "pipedrive", "--report", path)
		if r.code != exitUsage {
			t.Errorf("%s: exit %d, want 2", path, r.code)
		}
		if want := "leadconv: create " + path + ": no such file or directory\n"; r.stderr != want {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
	}
}

// TestOutputWriteErrors checks that a failed write names the output as
// typed: on a device written in place (/dev/full, behind a link) and on
// the temporary file of a regular one.
func TestOutputWriteErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := os.Stat("/dev/full"); err == nil {
		link := filepath.Join(dir, "full.ndjson")
		if err := os.Symlink("/dev/full", link); err != nil {
			t.Fatal(err)
		}
		r := runApp(t, fakeApp(fakeConv{}), strings.NewReader(lossyInput(3000)), "convert", "--from", "copper", "--to", "pipedrive", "--report", link)
		if r.code != exitUsage || !strings.Contains(r.stderr, "write "+link+": no space left on device") {
			t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
		}
	}
	path := filepath.Join(dir, "report.ndjson")
	o, err := createOutFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o.f.Close() // every write to the temporary file fails
	_, err = o.Write(make([]byte, 128<<10))
	if err == nil || !strings.HasPrefix(err.Error(), "write "+path+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("write error %v, want one naming %s", err, path)
	}
	o.abort()
	noTemps(t, dir)
	mustNotExist(t, path)
}
