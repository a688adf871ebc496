// Command leadgen writes realistic Pipedrive or Copper leads as NDJSON, one
// raw vendor lead per line, deterministically from a seed.
//
// Usage:
//
//	leadgen -vendor pipedrive|copper -n N -seed S [-o FILE]
//
// The same vendor, count and seed always give the same bytes, on any
// platform, so anyone can make the same large benchmark file:
//
//	leadgen -vendor pipedrive -n 1000000 -seed 1 -o pipedrive-1m.ndjson
//
// The lines are described in package internal/leadgen.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/leadbridge/leadbridge/internal/leadgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: leadgen -vendor pipedrive|copper -n N -seed S [-o FILE]

Writes N realistic leads of one vendor as NDJSON (one raw vendor lead object
per line) to standard output or FILE. The output depends only on the vendor,
N and S: the same arguments give the same bytes on any platform.

  pipedrive  the "data" object of GET /v1/leads/{id}, with custom fields
  copper     the object of GET /leads/{id}

Flags:
`

// run is main without the process: it parses args, writes the leads and
// returns the exit code (0 ok, 1 failure, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("leadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	vendor := fs.String("vendor", "", "vendor shape: pipedrive or copper (required)")
	n := fs.Int("n", 1000, "number of leads")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same file")
	out := fs.String("o", "", "output `file` (default: standard output)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "leadgen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	var gen func(io.Writer, int, leadgen.Options) error
	switch *vendor {
	case "pipedrive":
		gen = leadgen.Pipedrive
	case "copper":
		gen = leadgen.Copper
	case "":
		fmt.Fprintln(stderr, "leadgen: -vendor is required (pipedrive or copper)")
		fs.Usage()
		return 2
	default:
		fmt.Fprintf(stderr, "leadgen: unknown vendor %q (want pipedrive or copper)\n", *vendor)
		return 2
	}
	if *n < 0 {
		fmt.Fprintf(stderr, "leadgen: -n must not be negative, got %d\n", *n)
		return 2
	}

	if *out == "" {
		if err := gen(stdout, *n, leadgen.Options{Seed: *seed}); err != nil {
			fmt.Fprintf(stderr, "leadgen: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeFile(*out, func(w io.Writer) error {
		return gen(w, *n, leadgen.Options{Seed: *seed})
	}); err != nil {
		fmt.Fprintf(stderr, "leadgen: %v\n", err)
		return 1
	}
	return 0
}

// writeFile writes name through a buffer and reports the first error of
// writing, flushing or closing; a failed file is removed.
func writeFile(name string, write func(io.Writer) error) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
