package officetest

import (
	"bytes"
	"os/exec"
	"testing"
	"time"
)

// run runs cmd, a LibreOffice or the script that starts one, in a
// process group of its own, and fails the test with its output if it
// fails. LibreOffice's soffice is a shell script whose oosplash starts
// soffice.bin: a timeout ends the whole group, not only the first.
func run(t testing.TB, cmd *exec.Cmd, what string) {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	ownGroup(cmd)
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, out.Bytes())
	}
	t.Logf("%s took %v", what, time.Since(start).Round(time.Millisecond))
}
