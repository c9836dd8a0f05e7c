//go:build !linux

package analyst

import (
	"os/exec"
	"syscall"
)

// configureChild puts the child in its own process group, so a Ctrl-C at the terminal
// reaches the parent, which then kills the child.
func configureChild(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
