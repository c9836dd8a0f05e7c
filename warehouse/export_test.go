package warehouse

// MigrateRewriting applies the pending migrations with each file's statements replaced by
// rewrite's, so that a test can make one of them fail.
var MigrateRewriting = migrate

// StageMemoryIn makes e's stages keep up to budget bytes of blocks in folders under root, as
// they would in /dev/shm (0: none).
func StageMemoryIn(e Engine, root string, budget int64) {
	e.(*embedded).stageMemory = func() (string, int64) { return root, budget }
}

// MemoryStagePrefix names the memory folders of the warehouse at abs.
var MemoryStagePrefix = memoryStagePrefix
