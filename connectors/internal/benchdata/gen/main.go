// Command gen writes synthetic exports for benchmarks: a Meta Business Suite post export,
//
//	go run ./connectors/internal/benchdata/gen -rows 1000000 -o /tmp/big/posts_1m.csv
//
// or a GA4 export by date for one property (one row per day):
//
//	go run ./connectors/internal/benchdata/gen -kind ga4 -property org01-web-1 -from 2021-01-01 -rows 1826 -o /tmp/big/ga4.csv
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/goalpost/goalpost/connectors/internal/benchdata"
)

func main() {
	kind := flag.String("kind", "posts", "what to write: posts (Meta post export) or ga4 (GA4 export by date)")
	rows := flag.Int("rows", 1_000_000, "number of posts, or of days for ga4")
	out := flag.String("o", "posts.csv", "output file")
	seed := flag.Uint64("seed", 1, "random seed")
	property := flag.String("property", "bench-web", "ga4: the property name (the account in the warehouse)")
	from := flag.String("from", "2021-01-01", "ga4: first day")
	flag.Parse()
	if err := write(*kind, *out, *rows, *seed, *property, *from); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(kind, path string, rows int, seed uint64, property, from string) error {
	var day time.Time
	switch kind {
	case "posts":
	case "ga4":
		var err error
		if day, err = time.Parse("2006-01-02", from); err != nil {
			return fmt.Errorf("-from %q: want YYYY-MM-DD", from)
		}
	default:
		return fmt.Errorf("-kind %q: want posts or ga4", kind)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if kind == "ga4" {
		err = benchdata.GA4Daily(f, "Bench agency", property, day, rows, seed)
	} else {
		err = benchdata.MetaPosts(f, rows, seed)
	}
	if err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
