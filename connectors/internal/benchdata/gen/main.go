// Command gen writes a synthetic Meta Business Suite post export for benchmarks:
//
//	go run ./connectors/internal/benchdata/gen -rows 1000000 -o /tmp/big/posts_1m.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/goalpost/goalpost/connectors/internal/benchdata"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "number of posts")
	out := flag.String("o", "posts.csv", "output file")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := write(*out, *rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(path string, rows int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := benchdata.MetaPosts(f, rows, seed); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
