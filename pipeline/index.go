package pipeline

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// indexPage lists a folder's reports. It runs no script, and its policy allows none.
var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>{{.W.Title}}</title>
<style>
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
header, main { max-width: 960px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; padding-bottom: 12px; border-bottom: 3px solid var(--ink); }
h1 { margin: 0; font-size: 1.8rem; }
header p { margin: 4px 0 0; color: var(--muted); }
ul.reports { list-style: none; margin: 24px 0; padding: 0; display: grid; gap: 12px; }
.report { border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px 24px; }
.report h2 { margin: 0; font-size: 1.2rem; }
.report p { margin: 2px 0 0; color: var(--muted); font-size: 0.95rem; }
.report .status { color: var(--ink); font-weight: 600; }
.links { display: flex; gap: 10px; flex-wrap: wrap; }
.links a { display: inline-block; padding: 6px 14px; border-radius: 6px; border: 1.5px solid var(--accent); color: var(--accent); text-decoration: none; font-weight: 600; }
.links a.primary { background: var(--accent); color: #fff; }
.empty { color: var(--muted); font-style: italic; margin: 24px 0; }
@media (max-width: 640px) { header, main { padding-left: 14px; padding-right: 14px; } h1 { font-size: 1.4rem; } }
@media print { .links a { border: 0; padding: 0; } }
</style>
</head>
<body>
<header>
<h1>{{.W.Title}}</h1>
<p>{{.W.Intro}}</p>
</header>
<main>
{{- if .Reports}}
<ul class="reports">
{{- range .Reports}}
<li class="report">
<div>
<h2>{{if .Org}}{{.Org}} — {{end}}{{.Period}}</h2>
{{- if .Status}}
<p class="status">{{.Status}}</p>
{{- end}}
{{- if .Generated}}
<p>{{$.W.Generated}} {{.Generated}}</p>
{{- end}}
</div>
<div class="links">{{if .HTML}}<a class="primary" href="{{.HTML}}">{{$.W.Dashboard}}</a>{{end}}{{if .XLSX}}<a href="{{.XLSX}}">{{$.W.Workbook}}</a>{{end}}</div>
</li>
{{- end}}
</ul>
{{- else}}
<p class="empty">{{.W.None}}</p>
{{- end}}
</main>
</body>
</html>
`))

type indexWords struct {
	Title, Intro, Generated, Dashboard, Workbook, None string
}

var indexLanguages = map[string]indexWords{
	"en": {Title: "Goal reports", Intro: "Every report in this folder, newest period first: the dashboard to read, the workbook to download.",
		Generated: "Generated", Dashboard: "Open the dashboard", Workbook: "Download the workbook (.xlsx)", None: "No reports yet."},
	"fr": {Title: "Rapports d’objectifs", Intro: "Tous les rapports de ce dossier, la période la plus récente d’abord\u00a0: le tableau de bord à lire, le classeur à télécharger.",
		Generated: "Généré le", Dashboard: "Ouvrir le tableau de bord", Workbook: "Télécharger le classeur (.xlsx)", None: "Aucun rapport pour l’instant."},
}

type indexEntry struct {
	stem                    string
	Org, Period, Status     string
	Generated               string
	HTML, XLSX              string
	lang, periodKey, genRaw string
}

// WriteIndex writes dir/index.html listing every report in dir, newest period first, in the
// language of the newest dashboard. What it says of each report (organisation, period,
// status, when generated) it reads back from the dashboard's own <meta name="goalpost:...">
// tags: it recomputes nothing.
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
			ie = &indexEntry{stem: stem, Period: stem}
			byName[stem] = ie
		}
		if ext == ".xlsx" {
			ie.XLSX = name
			continue
		}
		ie.HTML = name
		if meta, err := readMeta(filepath.Join(dir, name)); err == nil && meta["goalpost:period"] != "" {
			ie.lang, ie.periodKey = meta["lang"], meta["goalpost:period"]
			ie.Org, ie.Status, ie.genRaw = meta["goalpost:org"], meta["goalpost:status"], meta["goalpost:generated"]
			if label := meta["goalpost:period-label"]; label != "" {
				ie.Period = label
			}
		}
	}
	list := make([]*indexEntry, 0, len(byName))
	for _, e := range byName {
		list = append(list, e)
	}
	// Newest period first; file names order reports without a dashboard.
	sort.Slice(list, func(i, j int) bool {
		ki, kj := list[i].periodKey+"\x00"+list[i].stem, list[j].periodKey+"\x00"+list[j].stem
		if list[i].periodKey == "" || list[j].periodKey == "" {
			ki, kj = list[i].stem, list[j].stem
		}
		return ki > kj
	})
	lang := "en"
	for _, e := range list {
		if _, ok := indexLanguages[e.lang]; ok {
			lang = e.lang
			break
		}
	}
	for _, e := range list {
		e.Generated = e.genRaw // already in the report's words and zone
	}
	data := struct {
		Lang    string
		W       indexWords
		Reports []*indexEntry
	}{lang, indexLanguages[lang], list}
	var b bytes.Buffer
	if err := indexPage.Execute(&b, data); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return writeAtomically(filepath.Join(dir, "index.html"), func(f *os.File) error {
		_, err := f.Write(b.Bytes())
		return err
	})
}

// readMeta reads a dashboard's <html lang> and its <meta name content> pairs from the head.
func readMeta(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	z := html.NewTokenizer(io.LimitReader(f, 64<<10))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.Data {
			case "html":
				for _, a := range t.Attr {
					if a.Key == "lang" {
						out["lang"] = a.Val
					}
				}
			case "meta":
				var name, content string
				for _, a := range t.Attr {
					switch a.Key {
					case "name":
						name = a.Val
					case "content":
						content = a.Val
					}
				}
				if strings.HasPrefix(name, "goalpost:") {
					out[name] = content
				}
			case "body":
				return out, nil
			}
		}
	}
}
