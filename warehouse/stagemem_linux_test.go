package warehouse

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Where /dev/shm is a tmpfs, stages may use a quarter of the memory available at most, and
// half of the tmpfs's free space; elsewhere, none.
func TestMachineStageMemory(t *testing.T) {
	root, budget := machineStageMemory()
	var fs syscall.Statfs_t
	if err := syscall.Statfs(memoryStageRoot, &fs); err != nil || int64(fs.Type) != tmpfsMagic {
		if root != "" || budget != 0 {
			t.Errorf("no tmpfs at %s, yet machineStageMemory = %q, %d", memoryStageRoot, root, budget)
		}
		return
	}
	avail := memAvailable()
	free := int64(fs.Bavail) * int64(fs.Bsize)
	if root != memoryStageRoot || budget <= 0 {
		t.Fatalf("machineStageMemory = %q, %d; want %s and a budget", root, budget, memoryStageRoot)
	}
	// Both figures move while the test runs: allow a tenth either way.
	if want := min(free/2, avail/4); budget < want*9/10 || budget > want*11/10 {
		t.Errorf("budget %d bytes, want about %d (memory available %d, tmpfs free %d)", budget, want, avail, free)
	}
}

// removeMemoryStages, which openEmbedded calls, removes the memory folders a killed run of the
// warehouse left, and nothing else: not another warehouse's, not what a link with the right
// name points to. (cmd/goalpost's kill tests check that the next open leaves none.)
func TestRemoveMemoryStagesOfAKilledRun(t *testing.T) {
	if root, _ := machineStageMemory(); root == "" {
		t.Skip("no tmpfs at " + memoryStageRoot)
	}
	abs := t.TempDir()
	leftover := filepath.Join(memoryStageRoot, memoryStagePrefix(abs)+"killed")
	other := filepath.Join(memoryStageRoot, memoryStagePrefix(abs+"-other")+"running")
	link := filepath.Join(memoryStageRoot, memoryStagePrefix(abs)+"link")
	target := t.TempDir()
	for _, d := range []string{leftover, other} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(d) })
		if err := os.WriteFile(filepath.Join(d, "posts_store-000001.native"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(link) })

	removeMemoryStages(abs)

	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("the killed run's folder is still there: %v", err)
	}
	for _, keep := range []string{filepath.Join(other, "posts_store-000001.native"), filepath.Join(target, "keep")} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s was removed: %v", keep, err)
		}
	}
}
