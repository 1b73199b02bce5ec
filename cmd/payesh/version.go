package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
// revision may be set the same way (make build does) for a build Go
// cannot stamp itself — from a git worktree, or with -buildvcs=false.
// They are the package-level variables, and only the linker writes them.
var (
	version  = "dev"
	revision = ""
)

// build is what the binary knows of how it was built: the version the
// linker set, and the commit Go stamped into it (go build -buildvcs,
// which make build asks for; go test and GOFLAGS=-buildvcs=false stamp
// none).
type build struct {
	Version  string
	Revision string // the commit, "" when not stamped
	Time     string // the commit's time, RFC 3339
	Modified bool   // the work tree had changes not committed
	Go       string
}

func buildInfo() build {
	b := build{Version: version, Revision: revision, Go: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is the line payesh version prints:
//
//	payesh v1.2.3 (commit 1a2b3c4d5e6f, 2025-01-02T03:04:05Z) go1.26.8 linux/amd64
func (b build) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "payesh %s", b.Version)
	if b.Revision != "" {
		rev := b.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&s, " (commit %s", rev)
		if b.Time != "" {
			fmt.Fprintf(&s, ", %s", b.Time)
		}
		if b.Modified {
			s.WriteString(", with uncommitted changes")
		}
		s.WriteString(")")
	}
	fmt.Fprintf(&s, " %s %s/%s", b.Go, runtime.GOOS, runtime.GOARCH)
	return s.String()
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	if err := parse(e.flagSet("version"), args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, buildInfo())
	return nil
}
