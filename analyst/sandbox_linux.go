package analyst

import (
	"os/exec"
	"syscall"
)

// configureChild puts the child in its own process group, so a Ctrl-C at the terminal
// reaches the parent (which then kills the child) rather than the engine mid-statement,
// and has the kernel kill the child if the parent dies: it holds the warehouse lock.
func configureChild(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
