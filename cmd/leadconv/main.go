// Command leadconv converts CRM leads between Pipedrive's and Copper's
// shapes and the canonical shape of package lead, and validates them.
//
// Usage:
//
//	leadconv convert --from FORMAT --to FORMAT [--mapping FILE] [--rejects FILE] [--report FILE]
//	                 [--workers N] [--strict] [--redact] [--progress auto|always|never]
//	                 [--pipedrive-account DIR] [--pipedrive-plan PLAN] [--copper-account DIR]
//	                 [--max-record-bytes N] [FILE ...]
//	leadconv validate --as FORMAT [--rejects FILE] [--workers N] [--redact]
//	                  [--progress auto|always|never] [--pipedrive-account DIR] [--pipedrive-plan PLAN]
//	                  [--copper-account DIR] [--max-record-bytes N] [FILE ...]
//	leadconv golden --from FORMAT --to FORMAT [--mapping FILE] [--pipedrive-account DIR]
//	                [--pipedrive-plan PLAN] [--copper-account DIR] [--strict] [--update] DIR
//	leadconv --version
//	FORMAT: canonical | pipedrive | copper
//
// Each FILE (standard input when there is none, or for "-") holds a JSON
// object, a JSON array of objects, NDJSON, or a Pipedrive API envelope; the
// shape is detected, not configured (see package internal/stream). convert
// writes one converted record per line to standard output, in input order.
// A record that cannot be converted is never dropped: it goes to the
// --rejects file, or one line per error to standard error. --report lists
// what each conversion dropped, derived, changed or defaulted. A summary
// ends every run on standard error; an input without any record adds a
// warning there. golden checks a folder of inputs against golden files
// beside them, as package leadtest does.
//
// Output files never destroy data. One that is the same file as an input,
// standard input or output, or the other output is refused before
// anything is read. A regular file is written to a temporary file beside
// it and renamed into place at the end, keeping the permission bits of the
// file it replaces; a symbolic link is followed and stays; a device, FIFO,
// socket, /dev/stdout or /dev/fd/N is written in place.
//
// The exit status is 0 when every record converted, 1 when some were
// rejected, and 2 for a usage or I/O error.
//
// Unless GOGC or GOMEMLIMIT is set in the environment, the garbage
// collector runs against a memory limit of 20 MiB instead of after every
// doubling of the heap: a conversion keeps little alive, so collecting
// rarely is faster by a third and still holds peak memory near 30 MB.
// From the first record of over 1 MiB on, the runtime's defaults apply.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/leadbridge/leadbridge/convert"
	"github.com/leadbridge/leadbridge/internal/stream"
	"github.com/leadbridge/leadbridge/pipedrive"
)

func main() {
	a := app{newConverter: newConverter}
	if percent, limit, ok := gcTuning(os.Getenv); ok {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		// A large record would keep the heap near the limit and the
		// collector running: go back to the runtime's defaults.
		a.bigRecord = func() {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
		}
	}
	os.Exit(a.run(os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}

// gcMemoryLimit is the memory limit leadconv collects against when the
// environment sets none, until it reads a record of over bigRecordBytes.
const (
	gcMemoryLimit  = 20 << 20
	bigRecordBytes = 1 << 20
)

// gcTuning returns the garbage collector's settings for leadconv: off
// until the memory limit, unless the environment's GOGC or GOMEMLIMIT says
// otherwise (ok is then false and the runtime keeps what they say).
func gcTuning(getenv func(string) string) (percent int, limit int64, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return 0, 0, false
	}
	return -1, gcMemoryLimit, true
}

// Exit statuses.
const (
	exitOK       = 0 // every record converted
	exitRejected = 1 // some records were rejected
	exitUsage    = 2 // a usage or I/O error
)

// run is main without the process: it runs the command line args and
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := app{newConverter: newConverter}
	return a.run(args, stdio{in: stdin, out: stdout, err: stderr})
}

// An app is the command with its dependencies; tests replace the
// converter factory.
type app struct {
	newConverter func(converterSpec) (converter, error)
	// bigRecord, when not nil, is called once, before the first record
	// of over bigRecordBytes is converted.
	bigRecord func()
	// buildInfo reads the build information --version prints; nil means
	// debug.ReadBuildInfo.
	buildInfo func() (*debug.BuildInfo, bool)
}

type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// A command is a subcommand of leadconv.
type command struct {
	name     string
	synopsis string // its usage line(s), as the top-level usage shows them
	run      func(a *app, args []string, std stdio) int
}

// commands is the subcommand table.
func commands() []command {
	return []command{
		{name: "convert", synopsis: convertSynopsis, run: (*app).convert},
		{name: "validate", synopsis: validateSynopsis, run: (*app).validate},
		{name: "golden", synopsis: goldenSynopsis, run: (*app).golden},
	}
}

const (
	convertSynopsis = `leadconv convert --from FORMAT --to FORMAT [--mapping FILE] [--rejects FILE] [--report FILE]
                 [--workers N] [--strict] [--redact] [--progress auto|always|never]
                 [--pipedrive-account DIR] [--pipedrive-plan PLAN] [--copper-account DIR]
                 [--max-record-bytes N] [FILE ...]`
	validateSynopsis = `leadconv validate --as FORMAT [--rejects FILE] [--workers N] [--redact]
                  [--progress auto|always|never] [--pipedrive-account DIR] [--pipedrive-plan PLAN]
                  [--copper-account DIR] [--max-record-bytes N] [FILE ...]`
	formatLine = `FORMAT: canonical | pipedrive | copper`
)

func (a *app) run(args []string, std stdio) int {
	if len(args) == 0 {
		fmt.Fprint(std.err, topUsage())
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(std.out, topUsage())
		return exitOK
	case "-version", "--version", "version":
		readBuildInfo := a.buildInfo
		if readBuildInfo == nil {
			readBuildInfo = debug.ReadBuildInfo
		}
		fmt.Fprintln(std.out, version(readBuildInfo()))
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(a, args[1:], std)
		}
	}
	fmt.Fprintf(std.err, "leadconv: unknown command %q\n\n%s", args[0], topUsage())
	return exitUsage
}

// version returns what --version prints: "leadconv" and the module's
// version, or for a build from a working tree "(devel)" with the VCS
// revision, its time and "modified" when the tree had changes.
func version(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return "leadconv (unknown version: built without module information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	out := "leadconv " + v
	if rev != "" {
		out += " " + rev
		if when != "" {
			out += " " + when
		}
		if modified {
			out += " (modified)"
		}
	}
	return out
}

func topUsage() string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, c := range commands() {
		b.WriteString(indent(c.synopsis, "  ") + "\n")
	}
	b.WriteString("  leadconv --version\n")
	b.WriteString(formatLine + "\n\nRun 'leadconv COMMAND -h' for the flags of a command.\n")
	return b.String()
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// options are the flags of convert and validate.
type options struct {
	from, to, as    format
	mapping         string
	pdAccount       string
	cpAccount       string
	pdPlan          planName
	rejects, report string
	workers         int
	strict, redact  bool
	progress        progressMode
	maxRecordBytes  int
	bigRecord       func() // see app.bigRecord
	files           []string
}

// outputs returns the files o writes, by flag.
func (o *options) outputs() []namedFile {
	return []namedFile{{"--rejects", o.rejects}, {"--report", o.report}}
}

// inputs returns the files o reads: each FILE, the mapping and the
// exports of the account folders.
func (o *options) inputs() []namedFile {
	var in []namedFile
	for _, f := range o.files {
		in = append(in, namedFile{"input", f})
	}
	in = append(in, namedFile{"--mapping", o.mapping})
	for _, acct := range []struct {
		flag, dir string
		files     []string
	}{
		{"--pipedrive-account", o.pdAccount, convert.PipedriveAccountFiles()},
		{"--copper-account", o.cpAccount, convert.CopperAccountFiles()},
	} {
		if acct.dir == "" {
			continue
		}
		for _, f := range acct.files {
			in = append(in, namedFile{acct.flag + " export", filepath.Join(acct.dir, f)})
		}
	}
	return in
}

func (a *app) convert(args []string, std stdio) int {
	o := defaultOptions()
	fl := newFlags("convert", convertSynopsis, convertAbout)
	fl.value(&o.from, "from", "FORMAT", "format of the input records (required)")
	fl.value(&o.to, "to", "FORMAT", "format of the output records (required)")
	fl.string(&o.mapping, "mapping", "FILE", "ids of one system's account mapped to the other's (JSON)")
	fl.string(&o.rejects, "rejects", "FILE", usageRejects)
	fl.string(&o.report, "report", "FILE", "write what each record lost, derived, changed or defaulted there, as NDJSON")
	fl.integer(&o.workers, "workers", "N", usageWorkers)
	fl.boolean(&o.strict, "strict", "reject records that lose a field the mapping does not cover (loss \"unmapped\" in the report)")
	fl.string(&o.pdAccount, "pipedrive-account", "DIR", usagePipedriveAccount)
	fl.value(&o.pdPlan, "pipedrive-plan", "PLAN", usagePipedrivePlan+" (default: the mapping's visibility.plan)")
	fl.string(&o.cpAccount, "copper-account", "DIR", usageCopperAccount)
	fl.boolean(&o.redact, "redact", usageRedact)
	fl.value(&o.progress, "progress", "WHEN", usageProgress)
	fl.integer(&o.maxRecordBytes, "max-record-bytes", "N", usageMaxRecord)
	if code, ok := fl.parse(args, std, &o); !ok {
		return code
	}
	if o.from == "" || o.to == "" {
		return fl.usageError(std, "--from and --to are required")
	}
	if err := checkOutputs(o.outputs(), o.inputs(), std); err != nil {
		return fl.usageError(std, err.Error())
	}
	spec := converterSpec{From: o.from, To: o.to, MappingFile: o.mapping, Strict: o.strict,
		PipedriveAccount: o.pdAccount, CopperAccount: o.cpAccount, PipedrivePlan: string(o.pdPlan)}
	if o.mapping != "" {
		b, err := os.ReadFile(o.mapping)
		if err != nil {
			fmt.Fprintf(std.err, "leadconv: reading the mapping: %v\n", err)
			return exitUsage
		}
		spec.Mapping = b
	}
	conv, err := a.newConverter(spec)
	if err != nil {
		fmt.Fprintf(std.err, "leadconv: %v\n", err)
		return exitUsage
	}
	o.bigRecord = a.bigRecord
	return execute(&o, conv, false, std)
}

func (a *app) validate(args []string, std stdio) int {
	o := defaultOptions()
	fl := newFlags("validate", validateSynopsis, validateAbout)
	fl.value(&o.as, "as", "FORMAT", "format of the records (required)")
	fl.string(&o.pdAccount, "pipedrive-account", "DIR", usagePipedriveAccount)
	fl.value(&o.pdPlan, "pipedrive-plan", "PLAN", usagePipedrivePlan+" (default: unknown)")
	fl.string(&o.cpAccount, "copper-account", "DIR", usageCopperAccount)
	fl.string(&o.rejects, "rejects", "FILE", usageRejects)
	fl.integer(&o.workers, "workers", "N", usageWorkers)
	fl.boolean(&o.redact, "redact", usageRedact)
	fl.value(&o.progress, "progress", "WHEN", usageProgress)
	fl.integer(&o.maxRecordBytes, "max-record-bytes", "N", usageMaxRecord)
	if code, ok := fl.parse(args, std, &o); !ok {
		return code
	}
	if o.as == "" {
		return fl.usageError(std, "--as is required")
	}
	if err := checkOutputs(o.outputs(), o.inputs(), std); err != nil {
		return fl.usageError(std, err.Error())
	}
	// A record is valid when the format's own conversion accepts it.
	conv, err := a.newConverter(converterSpec{From: o.as, To: o.as,
		PipedriveAccount: o.pdAccount, CopperAccount: o.cpAccount, PipedrivePlan: string(o.pdPlan)})
	if err != nil {
		fmt.Fprintf(std.err, "leadconv: %v\n", err)
		return exitUsage
	}
	o.bigRecord = a.bigRecord
	return execute(&o, conv, true, std)
}

const (
	convertAbout = `Converts the lead records of each FILE, or of standard input when there is no FILE or
FILE is -, and writes one converted record per line (NDJSON) to standard output, in input
order. An input is a JSON object, a JSON array of objects, NDJSON, or a Pipedrive API
envelope. A record that cannot be converted goes to --rejects, or one line per error to
standard error; a summary follows on standard error.`
	validateAbout = `Decodes and validates the lead records of each FILE, or of standard input when there is
no FILE or FILE is -, and writes nothing to standard output. A record that is not valid goes
to --rejects, or one line per error to standard error; a summary follows on standard error.`
	exitAbout = `Exit status: 0 when every record passed, 1 when some were rejected, 2 for a usage or I/O error.`
)

// flags is a FlagSet that documents its flags in the order they are added,
// one line each.
type flags struct {
	fs       *flag.FlagSet
	synopsis string
	about    string
	docs     [][2]string // "--name ARG", usage
}

func newFlags(name, synopsis, about string) *flags {
	fs := flag.NewFlagSet("leadconv "+name, flag.ContinueOnError)
	fs.Usage = func() {} // parse prints the usage
	return &flags{fs: fs, synopsis: synopsis, about: about}
}

func (f *flags) doc(name, arg, usage string) {
	n := "--" + name
	if arg != "" {
		n += " " + arg
	}
	f.docs = append(f.docs, [2]string{n, usage})
}

func (f *flags) value(v flag.Value, name, arg, usage string) {
	f.fs.Var(v, name, "")
	f.doc(name, arg, usage)
}

func (f *flags) string(p *string, name, arg, usage string) {
	f.fs.StringVar(p, name, *p, "")
	f.doc(name, arg, usage)
}

func (f *flags) boolean(p *bool, name, usage string) {
	f.fs.BoolVar(p, name, *p, "")
	f.doc(name, "", usage)
}

func (f *flags) integer(p *int, name, arg, usage string) {
	f.fs.IntVar(p, name, *p, "")
	f.doc(name, arg, usage)
}

func defaultOptions() options {
	return options{workers: runtime.NumCPU(), progress: progressAuto, maxRecordBytes: stream.DefaultMaxRecordBytes}
}

// Usage lines of the flags convert and validate share.
const (
	usageRejects   = "write rejected records there, as NDJSON (default: one line per error on standard error)"
	usageWorkers   = "process records with N workers (default: the number of CPUs)"
	usageRedact    = "name fields and rules in errors and reports, never their values"
	usageProgress  = "progress bar on standard error: auto (when it is a terminal), always or never (default auto)"
	usageMaxRecord = "reject records larger than N bytes (default 16777216, 16 MiB)"
)

// Usage lines of the account folders: the files convert reads there.
var (
	usagePipedriveAccount = "read the Pipedrive account's exports there: " + strings.Join(convert.PipedriveAccountFiles(), ", ") + " (the layout of testdata/pipedrive)"
	usageCopperAccount    = "read the Copper account's exports there: " + strings.Join(convert.CopperAccountFiles(), ", ") + " (account.json's primary_timezone dates custom Dates; the layout of testdata/copper)"
)

// usagePipedrivePlan documents --pipedrive-plan.
var usagePipedrivePlan = "the Pipedrive account's plan, which gives visible_to its meaning: " +
	strings.Join(pipedrive.PlanNames(), ", ")

// A planName is the value of --pipedrive-plan: a name pipedrive.ParsePlan
// knows.
type planName string

// Set implements flag.Value.
func (p *planName) Set(s string) error {
	if _, err := pipedrive.ParsePlan(s); err != nil {
		return err
	}
	*p = planName(s)
	return nil
}

func (p *planName) String() string { return string(*p) }

func (f *flags) usage() string {
	var b strings.Builder
	b.WriteString("usage: " + indent(f.synopsis, "       ")[len("       "):] + "\n" + formatLine + "\n\n")
	b.WriteString(f.about + "\n\nFlags:\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, d := range f.docs {
		fmt.Fprintf(tw, "  %s\t%s\n", d[0], d[1])
	}
	tw.Flush()
	b.WriteString("\n" + exitAbout + "\n")
	return b.String()
}

// usageError reports a usage error and returns exitUsage.
func (f *flags) usageError(std stdio, msg string) int {
	fmt.Fprintf(std.err, "%s: %s\nRun '%s -h' for usage.\n", f.fs.Name(), msg, f.fs.Name())
	return exitUsage
}

// parse parses args into o; flags and FILEs may be interleaved, and every
// argument after "--" is a FILE. It returns the exit status and false when
// the command must stop: after -h, or on a usage error.
func (f *flags) parse(args []string, std stdio, o *options) (int, bool) {
	f.fs.SetOutput(io.Discard)
	rest := args
	for {
		err := f.fs.Parse(rest)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(std.out, f.usage())
			return exitOK, false
		}
		if err != nil {
			return f.usageError(std, err.Error()), false
		}
		left := f.fs.Args()
		if len(left) == 0 {
			break
		}
		if n := len(rest) - len(left); n > 0 && rest[n-1] == "--" {
			o.files = append(o.files, left...)
			break
		}
		o.files = append(o.files, left[0])
		rest = left[1:]
	}
	switch {
	case o.workers < 1 || o.workers > 1024:
		return f.usageError(std, "--workers must be between 1 and 1024"), false
	case o.maxRecordBytes < 1 || o.maxRecordBytes > 1<<30:
		return f.usageError(std, "--max-record-bytes must be between 1 and 1073741824"), false
	}
	return exitOK, true
}
