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
	"os"

	"github.com/leadbridge/leadbridge/connect"
	"github.com/redpanda-data/benthos/v4/public/service"

	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
)

func main() {
	env, err := connect.NewEnvironment()
	if err != nil {
		fmt.Fprintf(os.Stderr, "leadbridge-connect: %v\n", err)
		os.Exit(1)
	}
	service.RunCLI(context.Background(),
		service.CLIOptSetEnvironment(env),
		service.CLIOptSetBinaryName("leadbridge-connect"),
		service.CLIOptSetProductName("leadbridge-connect"),
	)
}
