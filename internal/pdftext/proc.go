package pdftext

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts the child in a process group of its own and makes
// the timeout kill that whole group with SIGKILL: a child stuck in a loop
// is not asked politely, and nothing it might have started survives it.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
