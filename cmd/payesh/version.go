package main

import (
	"context"
	"fmt"
	"runtime"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
// It is the one package-level variable, and only the linker writes it.
var version = "dev"

func cmdVersion(_ context.Context, e *env, args []string) error {
	if err := parse(e.flagSet("version"), args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "payesh %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
