//go:build !linux

package warehouse

// machineStageMemory: staging in memory is only done where a tmpfs is known to be (Linux).
func machineStageMemory() (string, int64) { return "", 0 }

func stageMemory(mb int) (string, int64) { return "", 0 }

func removeMemoryStages(abs string) {}
