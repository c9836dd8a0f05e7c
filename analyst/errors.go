package analyst

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/goalpost/goalpost/warehouse"
)

// Hints name what a reader can change when a statement is refused: the command's flags
// and their current values. A zero Hints explains without mentioning flags.
type Hints struct {
	Flags  bool
	Limits warehouse.Limits
}

var (
	codePrefixRE = regexp.MustCompile(`^(Code: \d+\. )?(DB::Exception: )?`)
	userPrefixRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*: (Cannot .* in readonly mode)`)
	expectedRE   = regexp.MustCompile(`Expected one of: ([^.]*)`)
	nameSuffixRE = regexp.MustCompile(`\.? ?\(([A-Z_]+)\)$`)
)

// Explain turns an error from running st into a few readable lines, like a compiler
// diagnostic: where (file:line:column, or line and column), the engine's message without its
// boilerplate, the line of SQL with a caret under the position the engine points at, and
// for refusals by the read-only session or a limit, what to do. file may be "".
func Explain(err error, file string, st Statement, h Hints) string {
	var qe *warehouse.QueryError
	if !errors.As(err, &qe) {
		return err.Error()
	}
	msg := engineMessage(qe)
	var b strings.Builder
	where := file
	if qe.Pos > 0 {
		line, col, text := locate(st.SQL, qe.Pos)
		line += st.Line - 1
		if where != "" {
			where = fmt.Sprintf("%s:%d:%d", where, line, col)
		} else {
			where = fmt.Sprintf("line %d, column %d", line, col)
		}
		fmt.Fprintf(&b, "%s: %s\n", where, msg)
		fmt.Fprintf(&b, "  %s\n  %s^", text, strings.Repeat(" ", col-1))
	} else {
		if where != "" {
			where = fmt.Sprintf("%s:%d", where, st.Line)
			fmt.Fprintf(&b, "%s: ", where)
		}
		b.WriteString(msg)
	}
	if hint := hintFor(err, h); hint != "" {
		b.WriteString("\n  " + hint)
	}
	return b.String()
}

// engineMessage is the engine's message with its code and error name moved to the end.
func engineMessage(qe *warehouse.QueryError) string {
	msg := strings.TrimSpace(qe.Err.Error())
	msg = codePrefixRE.ReplaceAllString(msg, "")
	msg = userPrefixRE.ReplaceAllString(msg, "$1") // "default: Cannot execute query in readonly mode"
	name := ""
	if m := nameSuffixRE.FindStringSubmatch(msg); m != nil {
		name = m[1]
		msg = strings.TrimSpace(msg[:len(msg)-len(m[0])])
	}
	// The parser lists every token it would accept; the first few say enough.
	if m := expectedRE.FindStringSubmatchIndex(msg); m != nil {
		items := strings.Split(msg[m[2]:m[3]], ", ")
		if len(items) > 6 {
			msg = msg[:m[2]] + strings.Join(items[:6], ", ") + fmt.Sprintf(" and %d more", len(items)-6) + msg[m[3]:]
		}
	}
	msg = strings.TrimSuffix(msg, ".")
	switch {
	case qe.Code != 0 && name != "":
		msg += fmt.Sprintf(" (%s, code %d)", name, qe.Code)
	case qe.Code != 0:
		msg += fmt.Sprintf(" (code %d)", qe.Code)
	}
	return msg
}

func hintFor(err error, h Hints) string {
	l := h.Limits
	switch {
	case errors.Is(err, warehouse.ErrReadOnly):
		s := "The session is read-only: statements that write, change the schema or settings are refused, and so are table functions that reach outside the warehouse (file, url, s3, remote and others)."
		if h.Flags {
			s += " Run it with --write if you mean to change the warehouse."
		}
		return s
	case errors.Is(err, warehouse.ErrTimeout):
		if h.Flags {
			return fmt.Sprintf("The statement hit the time limit (--max-time %s): narrow it with WHERE or LIMIT, or raise --max-time.", l.MaxTime)
		}
		return fmt.Sprintf("The statement hit the time limit of %s: narrow it with WHERE or LIMIT.", l.MaxTime)
	case errors.Is(err, warehouse.ErrTooManyRows):
		if h.Flags {
			return fmt.Sprintf("The result has more rows than --max-rows %d allows: aggregate, add a LIMIT, or raise --max-rows.", l.MaxRows)
		}
		return fmt.Sprintf("The result has more than %d rows: aggregate or add a LIMIT.", l.MaxRows)
	case errors.Is(err, warehouse.ErrMemoryLimit):
		if h.Flags {
			return fmt.Sprintf("The statement needs more memory than --max-memory %s allows: aggregate over fewer rows, or raise --max-memory.", FormatBytes(l.MaxMemory))
		}
		return fmt.Sprintf("The statement needs more memory than its limit of %s: aggregate over fewer rows.", FormatBytes(l.MaxMemory))
	}
	var qe *warehouse.QueryError
	if errors.As(err, &qe) && qe.Code == 0 && strings.Contains(qe.Err.Error(), "has no value") && h.Flags {
		return "Give each {name:Type} placeholder a value with --param name=value."
	}
	return ""
}

// locate returns the 1-based line and column (in characters) of byte position pos (1-based)
// in sql, and that line's text with tabs shown as spaces.
func locate(sql string, pos int) (line, col int, text string) {
	off := min(pos-1, len(sql))
	line = 1 + strings.Count(sql[:off], "\n")
	start := strings.LastIndexByte(sql[:off], '\n') + 1
	end := strings.IndexByte(sql[start:], '\n')
	if end < 0 {
		end = len(sql)
	} else {
		end += start
	}
	col = utf8.RuneCountInString(sql[start:off]) + 1
	text = strings.ReplaceAll(strings.TrimRight(sql[start:end], "\r"), "\t", " ")
	return line, col, text
}
