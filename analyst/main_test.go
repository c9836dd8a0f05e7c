package analyst

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == SandboxCommand {
		hangingSandbox()
		return
	}
	warehousetest.Main(m)
}

// hangingSandbox is a child that accepts its configuration and then never answers a
// statement, like an engine stuck in a statement that ignores its time limit.
func hangingSandbox() {
	var cfg SandboxConfig
	json.NewDecoder(os.Stdin).Decode(&cfg)
	out := os.NewFile(sandboxFD, "answers")
	json.NewEncoder(out).Encode(sandboxResponse{Engine: "a stuck engine"})
	time.Sleep(time.Hour)
}
