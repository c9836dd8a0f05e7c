package pipeline

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Goalpost reports</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
</style>
</head>
<body>
<h1>Goalpost reports</h1>
{{if .}}<table>
<thead><tr><th>Report</th><th>Dashboard</th><th>Workbook</th></tr></thead>
<tbody>
{{range .}}<tr><td>{{.Name}}</td><td>{{if .HTML}}<a href="{{.HTML}}">open</a>{{end}}</td><td>{{if .XLSX}}<a href="{{.XLSX}}">download</a>{{end}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p>No reports yet.</p>{{end}}
</body>
</html>
`))

type indexEntry struct{ Name, HTML, XLSX string }

// WriteIndex writes dir/index.html listing every report in dir, newest period first.
func WriteIndex(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	byName := map[string]*indexEntry{}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if e.IsDir() || strings.HasPrefix(name, ".") || name == "index.html" || (ext != ".html" && ext != ".xlsx") {
			continue
		}
		stem := strings.TrimSuffix(name, ext)
		ie := byName[stem]
		if ie == nil {
			ie = &indexEntry{Name: stem}
			byName[stem] = ie
		}
		if ext == ".html" {
			ie.HTML = name
		} else {
			ie.XLSX = name
		}
	}
	list := make([]indexEntry, 0, len(byName))
	for _, e := range byName {
		list = append(list, *e)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name > list[j].Name })
	var b bytes.Buffer
	if err := indexPage.Execute(&b, list); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return writeAtomically(filepath.Join(dir, "index.html"), func(f *os.File) error {
		_, err := f.Write(b.Bytes())
		return err
	})
}
