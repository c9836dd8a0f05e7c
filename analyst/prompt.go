package analyst

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// LineReader reads one line of input after showing prompt; io.EOF ends the input.
type LineReader interface {
	ReadLine(prompt string) (string, error)
}

// Prompts shown by the interactive session.
const (
	FirstPrompt = "goalpost> "
	MorePrompt  = "       -> "
)

const promptHelp = `Type SQL and end each statement with ;  (a statement may span lines)
  \q     quit (also Ctrl-D)
  \c     forget the statement being typed
  \?     this help
Up and down arrows recall earlier lines of this session; nothing is saved to disk.
`

// Prompt runs the interactive session: it reads lines until a statement ends with a
// semicolon, hands each complete statement to run, and stops at \q or the end of input.
// An error from run is the statement's own failure: run prints it and the session goes on.
func Prompt(ctx context.Context, in LineReader, out io.Writer, run func(ctx context.Context, st Statement)) error {
	fmt.Fprint(out, "Connected. End statements with ; and type \\q to quit, \\? for help.\n")
	var buf strings.Builder
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		prompt := FirstPrompt
		if buf.Len() > 0 {
			prompt = MorePrompt
		}
		line, err := in.ReadLine(prompt)
		if errors.Is(err, io.EOF) {
			if strings.TrimSpace(buf.String()) != "" {
				fmt.Fprintln(out, "(the unfinished statement was not run)")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if buf.Len() == 0 {
			switch strings.TrimSpace(line) {
			case `\q`, "quit", "exit":
				return nil
			case `\?`, "help":
				fmt.Fprint(out, promptHelp)
				continue
			case `\c`:
				continue
			}
		} else if strings.TrimSpace(line) == `\c` {
			buf.Reset()
			continue
		} else if strings.TrimSpace(line) == `\q` {
			return nil
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		stmts, rest, _ := Split(buf.String())
		for _, st := range stmts {
			run(ctx, st)
		}
		buf.Reset()
		if strings.TrimSpace(rest) != "" {
			buf.WriteString(rest)
		}
	}
}

// TerminalReader reads lines from a terminal with line editing and an in-memory history
// (golang.org/x/term). The terminal is in raw mode only while a line is typed, so results
// print normally and Ctrl-C during a statement interrupts it.
type TerminalReader struct {
	fd int
	t  *term.Terminal
}

// NewTerminalReader reads from the terminal in (usually os.Stdin) and echoes to out.
func NewTerminalReader(in *os.File, out io.Writer) *TerminalReader {
	return &TerminalReader{fd: int(in.Fd()), t: term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, out}, FirstPrompt)}
}

// ReadLine reads one line; Ctrl-D on an empty line and Ctrl-C give io.EOF.
func (r *TerminalReader) ReadLine(prompt string) (string, error) {
	old, err := term.MakeRaw(r.fd)
	if err != nil {
		return "", fmt.Errorf("terminal: %w", err)
	}
	defer term.Restore(r.fd, old)
	r.t.SetPrompt(prompt)
	if w, _, err := term.GetSize(r.fd); err == nil {
		r.t.SetSize(w, 0)
	}
	return r.t.ReadLine()
}
