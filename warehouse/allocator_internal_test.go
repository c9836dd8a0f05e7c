package warehouse

import (
	"os"
	"testing"
)

// The allocator's configuration is set for the library unless the user chose their own.
func TestUseHugePagesKeepsTheUsersSetting(t *testing.T) {
	for _, c := range []struct {
		name  string
		set   bool
		value string
		want  string
	}{
		{"unset", false, "", allocatorConfig},
		{"the user's own", true, "narenas:2", "narenas:2"},
		{"set empty on purpose", true, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(allocatorConfigVar, c.value) // restored after the test
			if !c.set {
				os.Unsetenv(allocatorConfigVar)
			}
			useHugePages()
			if got := os.Getenv(allocatorConfigVar); got != c.want {
				t.Errorf("%s = %q, want %q", allocatorConfigVar, got, c.want)
			}
		})
	}
}
