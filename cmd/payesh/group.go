package main

import (
	"context"
	"fmt"
	"strings"
)

// runGroup dispatches a command with subcommands ("user add", "token
// create") to the one named by args[0].
func runGroup(ctx context.Context, e *env, group string, subs []command, args []string) error {
	names := make([]string, len(subs))
	for i, c := range subs {
		names[i] = c.name
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(e.stderr, "Usage: payesh %s <%s> [flags]\n", group, strings.Join(names, "|"))
		for _, c := range subs {
			fmt.Fprintf(e.stderr, "  %-7s %s\n", c.name, c.summary)
		}
		if len(args) == 0 {
			return usageErrorf("payesh %s needs a subcommand", group)
		}
		return nil
	}
	for _, c := range subs {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	return usageErrorf("unknown subcommand %q of %s; want one of %s", args[0], group, strings.Join(names, ", "))
}
