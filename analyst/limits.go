package analyst

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

// DefaultLimits bound an ad-hoc statement unless flags say otherwise.
var DefaultLimits = warehouse.Limits{MaxTime: 60 * time.Second, MaxRows: 100_000, MaxMemory: 2 << 30}

// SavedLimits bound each saved query that a report runs: its result becomes a sheet and a
// dashboard table, so it is meant to be a summary, not an export.
var SavedLimits = warehouse.Limits{MaxTime: 60 * time.Second, MaxRows: 10_000, MaxMemory: 2 << 30}

var byteUnits = []struct {
	suffix string
	n      int64
}{
	{"TIB", 1 << 40}, {"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10},
	{"TB", 1 << 40}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
	{"T", 1 << 40}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1},
}

// ParseBytes reads a size such as 2GB, 512MB, 1.5GiB or 1000000 (bytes). Units are powers
// of 1024, as ClickHouse's memory settings count them; 0 means no limit.
func ParseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("%q is not a size (want e.g. 2GB, 512MB or a number of bytes)", s)
	}
	return int64(f * float64(mult)), nil
}

// FormatBytes writes a size the way ParseBytes reads it.
func FormatBytes(n int64) string {
	for _, u := range byteUnits[4:8] {
		if n >= u.n && n%u.n == 0 {
			return strconv.FormatInt(n/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
