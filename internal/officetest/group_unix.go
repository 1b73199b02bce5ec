//go:build unix

package officetest

import (
	"os/exec"
	"syscall"
)

// ownGroup starts cmd as the leader of a new process group and makes a
// cancelled context kill the group: the leader is not yet reaped then,
// so the group is still the one it started.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
