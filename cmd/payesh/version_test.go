package main

import (
	"runtime"
	"strings"
	"testing"
)

// TestBuildString: the version line names the commit (shortened), its
// time and uncommitted changes when the build knows them, and only the
// version and Go when it does not.
func TestBuildString(t *testing.T) {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH
	for _, c := range []struct {
		b    build
		want string
	}{
		{build{Version: "dev", Go: "go1.26.8"}, "payesh dev go1.26.8" + platform},
		{build{Version: "v1.4.0", Revision: "73bd86b94610bf45e10d53d929de5b08d9c7aaa5", Time: "2025-03-20T08:00:00Z", Go: "go1.26.8"},
			"payesh v1.4.0 (commit 73bd86b94610, 2025-03-20T08:00:00Z) go1.26.8" + platform},
		{build{Version: "v1.4.0-3-gabc", Revision: "abc", Modified: true, Go: "go1.26.8"},
			"payesh v1.4.0-3-gabc (commit abc, with uncommitted changes) go1.26.8" + platform},
	} {
		if got := c.b.String(); got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.b, got, c.want)
		}
	}
	// The linker's revision stands in for a build Go did not stamp.
	old := revision
	revision = "0123456789abcdef"
	defer func() { revision = old }()
	if b := buildInfo(); b.Revision == "" || !strings.Contains(b.String(), "(commit ") {
		t.Errorf("with -X main.revision: %+v", b)
	}
}
