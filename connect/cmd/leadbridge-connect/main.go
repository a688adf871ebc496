// Command leadbridge-connect is Benthos with its core components (the io
// and pure packages: files, stdin and stdout, HTTP server and client,
// switch, broker, rate limits, Bloblang and the rest) and leadbridge's
// processor and Bloblang method, both named leadbridge.
//
// Usage:
//
//	leadbridge-connect -c config.yaml
//	leadbridge-connect lint config.yaml
//
// See connect/examples for two configurations, and package connect for the
// processor's fields.
//
// Unless GOGC or GOMEMLIMIT is set in the environment, the garbage
// collector runs when the heap has grown by 400% rather than 100%: a
// stream keeps little alive between messages, and collecting a quarter
// as often takes a third off the CPU time of a conversion, for a heap of
// some 60 MB on 100,000 leads.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"github.com/leadbridge/leadbridge/connect"
	"github.com/redpanda-data/benthos/v4/public/bloblang"
	"github.com/redpanda-data/benthos/v4/public/service"

	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
)

// globalOnce registers the Bloblang method in the global environment for
// the program's first run; run may be called again in tests.
var (
	globalOnce sync.Once
	globalErr  error
)

// gcPercent is the GOGC leadbridge-connect runs with when the
// environment sets neither GOGC nor GOMEMLIMIT.
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(context.Background(), os.Args, os.Stderr))
}

// run is main without the process: it runs the command line args (the
// program's name first) and returns the exit status.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	env, err := connect.NewEnvironment()
	if err != nil {
		fmt.Fprintf(stderr, "leadbridge-connect: %v\n", err)
		return 1
	}
	// Benthos lints a configuration at start-up against the global
	// Bloblang environment, whatever environment the stream runs in: the
	// program (never the library) adds the method there too, once.
	globalOnce.Do(func() { globalErr = connect.RegisterBloblang(bloblang.GlobalEnvironment()) })
	if globalErr != nil {
		fmt.Fprintf(stderr, "leadbridge-connect: %v\n", globalErr)
		return 1
	}
	code, err := service.RunCLIToCode(ctx,
		service.CLIOptSetArgs(args...),
		service.CLIOptSetEnvironment(env),
		service.CLIOptSetBinaryName("leadbridge-connect"),
		service.CLIOptSetProductName("leadbridge-connect"),
	)
	if err != nil {
		fmt.Fprintln(stderr, err)
	}
	return code
}
