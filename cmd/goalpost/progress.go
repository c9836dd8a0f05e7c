package main

import (
	"fmt"
	"io"
)

// progress shows "ingesting 57/204" on a terminal, on one rewritten line; elsewhere (logs,
// pipes, tests) it writes nothing.
type progress struct {
	w     io.Writer
	what  string
	n, of int
	on    bool
}

func newProgress(w io.Writer, what string, of int) *progress {
	return &progress{w: w, what: what, of: of, on: isTerminal(w)}
}

func (p *progress) step() {
	p.n++
	if p.on {
		fmt.Fprintf(p.w, "\r%s %d/%d", p.what, p.n, p.of)
	}
}

func (p *progress) done() {
	if p.on && p.n > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
