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
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/leadbridge/leadbridge/connect"
	"github.com/redpanda-data/benthos/v4/public/service"

	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
)

func main() {
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
