package analyst

import "strings"

// Statement is one statement of a script (with the comments before it) and the line its
// text starts on (1-based), to turn an engine's position into a line and column of the file.
type Statement struct {
	SQL  string
	Line int
}

// Split cuts a script into statements at semicolons that are outside string literals,
// quoted identifiers and comments. It does not judge the statements: the engine does.
// Statements that are empty or only comments are dropped. complete is false when the
// script ends inside a literal or comment, or with text after the last semicolon: the
// interactive prompt then reads another line.
func Split(script string) (stmts []Statement, rest string, complete bool) {
	start, line, startLine := 0, 1, 1
	inStmt := false // seen something other than space and comments since start
	i := 0
	emit := func(end int) {
		if inStmt {
			text := script[start:end]
			lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
			stmts = append(stmts, Statement{SQL: strings.TrimSpace(text), Line: startLine + strings.Count(text[:lead], "\n")})
		}
		inStmt = false
	}
	for i < len(script) {
		c := script[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == '\'' || c == '"' || c == '`':
			inStmt = true
			j, ok := endQuoted(script, i, c)
			line += strings.Count(script[i:j], "\n")
			if !ok {
				return stmts, script[start:], false
			}
			i = j
		case c == '-' && strings.HasPrefix(script[i:], "--"), c == '#' && (strings.HasPrefix(script[i:], "#!") || strings.HasPrefix(script[i:], "# ")):
			j := strings.IndexByte(script[i:], '\n')
			if j < 0 {
				i = len(script)
			} else {
				i += j
			}
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			j := strings.Index(script[i+2:], "*/")
			if j < 0 {
				return stmts, script[start:], false
			}
			line += strings.Count(script[i:i+2+j+2], "\n")
			i += j + 4
		case c == ';':
			emit(i)
			i++
			start, startLine = i, line
		case c == ' ' || c == '\t' || c == '\r':
			i++
		default:
			inStmt = true
			i++
		}
	}
	if inStmt {
		return stmts, script[start:], false
	}
	return stmts, "", true
}

// SplitAll returns every statement of a file, the last one with or without its semicolon.
func SplitAll(script string) []Statement {
	stmts, rest, _ := Split(script)
	if strings.TrimSpace(rest) != "" {
		// Close whatever was left open and let the engine report on it.
		last, _, _ := Split(rest + "\n;")
		if len(last) == 0 {
			lead := len(rest) - len(strings.TrimLeft(rest, " \t\r\n"))
			last = []Statement{{SQL: strings.TrimSpace(rest), Line: 1 + strings.Count(rest[:lead], "\n")}}
		}
		line := 1 + strings.Count(script[:len(script)-len(rest)], "\n")
		for i := range last {
			last[i].Line += line - 1
			last[i].SQL = strings.TrimSuffix(strings.TrimSpace(last[i].SQL), ";")
		}
		stmts = append(stmts, last...)
	}
	return stmts
}

// endQuoted returns the index just past the literal that starts at i, and whether it ends.
// Backslash escapes and doubled quotes are both ClickHouse escapes.
func endQuoted(s string, i int, q byte) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1, true
		}
	}
	return len(s), false
}
