package warehouse

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// memoryStageRoot is the tmpfs most Linux systems mount for shared memory.
const memoryStageRoot = "/dev/shm"

const tmpfsMagic = 0x01021994

// machineStageMemory says where a stage may keep blocks in memory and how many bytes it may
// take there: half of the tmpfs's free space and a quarter of the memory available, so that
// a large file spills to disk before it crowds out the engine (whose insert takes about as
// much again) or another program. "" when there is no tmpfs there.
func machineStageMemory() (string, int64) {
	var fs syscall.Statfs_t
	if err := syscall.Statfs(memoryStageRoot, &fs); err != nil || int64(fs.Type) != tmpfsMagic {
		return "", 0
	}
	free := int64(fs.Bavail) * int64(fs.Bsize)
	avail := memAvailable()
	if avail <= 0 {
		return "", 0
	}
	return memoryStageRoot, min(free/2, avail/4)
}

// stageMemory is where stages keep blocks in memory, and how many bytes, given
// Options.StageMemoryMB.
func stageMemory(mb int) (string, int64) {
	if mb < 0 {
		return "", 0
	}
	root, budget := machineStageMemory()
	if root == "" || mb == 0 {
		return root, budget
	}
	var fs syscall.Statfs_t
	if err := syscall.Statfs(root, &fs); err != nil {
		return "", 0
	}
	return root, min(int64(mb)<<20, int64(fs.Bavail)*int64(fs.Bsize))
}

// memAvailable is the kernel's estimate of the memory available to new work, in bytes, or
// 0 when it cannot be read.
func memAvailable() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) >= 2 && string(f[0]) == "MemAvailable:" {
			kb, err := strconv.ParseInt(string(f[1]), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// removeMemoryStages removes the memory folders a killed run of the warehouse at abs left:
// this process holds the warehouse's lock, so no other run is using them. Only folders of
// this user are touched (the tmpfs is shared), never what a link points to.
func removeMemoryStages(abs string) {
	glob := MemoryStageGlob(abs)
	if glob == "" {
		return
	}
	matches, _ := filepath.Glob(glob)
	for _, m := range matches {
		info, err := os.Lstat(m)
		if err != nil || !info.IsDir() {
			continue
		}
		if st, ok := info.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != os.Getuid() {
			continue
		}
		os.RemoveAll(m)
	}
}
