package analyst

import (
	"context"
	"io"
	"strings"
	"testing"
)

type scripted struct {
	lines   []string
	prompts []string
}

func (s *scripted) ReadLine(prompt string) (string, error) {
	s.prompts = append(s.prompts, prompt)
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	return l, nil
}

func TestPromptRunsStatementsEndingWithSemicolon(t *testing.T) {
	in := &scripted{lines: []string{
		`\?`,
		"SELECT 1;",
		"SELECT",
		"  'a;b'",
		"  AS x; SELECT 3;",
		"SELECT 4",
		`\c`,
		"SELECT 5",
		`\q`,
		"SELECT 6;",
	}}
	var out strings.Builder
	var ran []string
	err := Prompt(context.Background(), in, &out, func(_ context.Context, st Statement) { ran = append(ran, st.SQL) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"SELECT 1", "SELECT\n  'a;b'\n  AS x", "SELECT 3"}
	if strings.Join(ran, "|") != strings.Join(want, "|") {
		t.Errorf("ran %q, want %q", ran, want)
	}
	wantPrompts := []string{FirstPrompt, FirstPrompt, FirstPrompt, MorePrompt, MorePrompt, FirstPrompt, MorePrompt, FirstPrompt, MorePrompt}
	if strings.Join(in.prompts, "|") != strings.Join(wantPrompts, "|") {
		t.Errorf("prompts %q, want %q", in.prompts, wantPrompts)
	}
	if !strings.Contains(out.String(), `\q     quit`) {
		t.Errorf("no help shown:\n%s", out.String())
	}
}

func TestPromptEndsAtEndOfInput(t *testing.T) {
	in := &scripted{lines: []string{"SELECT 1"}}
	var out strings.Builder
	ran := 0
	if err := Prompt(context.Background(), in, &out, func(context.Context, Statement) { ran++ }); err != nil {
		t.Fatal(err)
	}
	if ran != 0 || !strings.Contains(out.String(), "not run") {
		t.Errorf("an unfinished statement at Ctrl-D: ran %d, said %q", ran, out.String())
	}
}
