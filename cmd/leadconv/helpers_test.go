package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/lead"
)

// fakeConv is a converter for tests. It wraps each record as
// {"in":<record>}. A record containing "bad" is rejected at "title" with a
// cause that quotes the record's "title"; one containing "lossy" reports a
// dropped field (the mapping did not cover it) and a derived one, with a
// detail that quotes the title; one containing "placeless" reports a field
// the target has no place for;
// "panic" panics. With sleep set, it sleeps for one record in sixteen, up to
// that long, at random, and yields the processor otherwise, to shake the
// order in which workers finish.
type fakeConv struct {
	sleep time.Duration
}

func (f fakeConv) Convert(rec, out []byte) ([]byte, lead.Report, error) {
	if f.sleep > 0 {
		if rand.N(16) == 0 {
			time.Sleep(rand.N(f.sleep))
		} else {
			runtime.Gosched()
		}
	}
	var v struct {
		Title string `json:"title"`
	}
	_ = json.Unmarshal(rec, &v)
	switch {
	case bytes.Contains(rec, []byte("panic")):
		panic("fake converter: " + v.Title)
	case bytes.Contains(rec, []byte("bad")):
		var l lead.ErrorList
		l.Add("title", "max=3", fmt.Errorf("%w: %q is too long", lead.ErrInvalid, v.Title))
		l.Add("value.currency", "required", lead.ErrRequired)
		return out, nil, l.Err()
	}
	var rep lead.Report
	if bytes.Contains(rec, []byte("lossy")) {
		rep.Drop("label_ids", lead.LossUnmapped, "no field in the target", "title was "+v.Title)
		rep.Add("name", lead.Derived, "from the title")
	}
	if bytes.Contains(rec, []byte("placeless")) {
		rep.Drop("visible_to", lead.LossNoPlace, "the target has no visibility", "")
	}
	out = append(out, `{"in":`...)
	b := bytes.NewBuffer(out)
	if err := json.Compact(b, rec); err != nil {
		return out, nil, &lead.FieldError{Rule: "syntax", Err: lead.ErrMalformed}
	}
	return append(b.Bytes(), '}'), rep, nil
}

// fakeApp returns an app whose factory gives conv for every pair.
func fakeApp(conv converter) *app {
	return &app{newConverter: func(converterSpec) (converter, error) { return conv, nil }}
}

type result struct {
	code           int
	stdout, stderr string
}

// runApp runs a with args and stdin.
func runApp(t *testing.T, a *app, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	code := a.run(args, stdio{in: stdin, out: &out, err: &errb})
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readNDJSON decodes every line of the file at path into a T.
func readNDJSON[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decodeLines[T](t, string(b))
}

func decodeLines[T any](t *testing.T, s string) []T {
	t.Helper()
	var out []T
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v T
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, v)
	}
	return out
}

// noTemps fails if dir holds a leftover temporary output file.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(matches) > 0 {
		t.Errorf("temporary files left behind: %v", matches)
	}
}

func mustNotExist(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists (stat: %v), want no file", path, err)
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

func diffOrFail(t *testing.T, what string, want, got any) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, diff)
	}
}
