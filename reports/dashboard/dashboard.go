// Package dashboard writes the report model as one self-contained, offline HTML page.
//
// Charts are built with go-echarts but rendered here, not by its templates, which neither
// escape option JSON nor work offline (notes §3). Export text reaches the page only as
// html/template-escaped HTML or as JSON data; the two inline scripts are constant and pinned
// by a Content-Security-Policy that names their hashes.
package dashboard

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/goalpost/goalpost/reports"
)

//go:embed page.html.tmpl
var pageTemplate string

// chartData is the JSON block the constant init script reads.
type chartData struct {
	Locale   string       `json:"locale"`
	NoValue  string       `json:"noValue"`
	Currency string       `json:"currency,omitempty"`
	Words    jsWords      `json:"words"`
	Charts   []chartEntry `json:"charts"`
}

// jsWords are the few words the init script writes into tooltips.
type jsWords struct {
	Posts    string    `json:"posts"`
	Weekdays [7]string `json:"weekdays"`
}

type chartEntry struct {
	ID     string          `json:"id"`
	Format chartFormat     `json:"format"`
	Option json.RawMessage `json:"option"`
}

// page is what the template receives: the view plus the page's code and policy.
type page struct {
	view
	CSP       string
	ChartData template.JS // JSON, escaped by encoding/json; a data block, never run
	EchartsJS template.JS // pinned, see assets.go
	InitJS    template.JS // constant
}

// Write writes r as an HTML dashboard to w. The same model always gives the same bytes.
func Write(ctx context.Context, w io.Writer, r *reports.Report) error {
	l, err := reports.LabelsFor(r.Lang)
	if err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	echarts, echartsSum, err := pinnedEcharts()
	if err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	tmpl, err := template.New("page").Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("writing dashboard: parsing page template: %w", err)
	}
	f := newFormat(l, r.Zone())
	wd := wordsFor(l.Lang)
	tr, err := trends(r, f, wd)
	if err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	goals, err := goalViews(r, f, wd)
	if err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	content, err := contentViews(r, f, wd)
	if err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	sources, err := sourcesViews(r, f, wd)
	if err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	data := chartData{Locale: f.locale, NoValue: noValue, Words: jsWords{Posts: wd.Posts, Weekdays: wd.Weekdays}, Charts: []chartEntry{}}
	if r.Goals != nil {
		data.Currency = r.Goals.Currency
	}
	add := func(c chart) {
		data.Charts = append(data.Charts, chartEntry{ID: c.ID, Format: c.Format, Option: c.Option})
	}
	// In page order, so charts draw top down.
	for _, g := range goals {
		for _, k := range g.KPIs {
			add(k.Bullet)
		}
	}
	for _, g := range goals {
		for _, k := range g.KPIs {
			add(k.Trend)
		}
	}
	for _, t := range tr {
		add(t.chart)
	}
	if content.Types != nil {
		add(*content.Types)
	}
	if content.Times != nil {
		add(*content.Times)
	}
	for _, d := range sources.Donations {
		add(d.Chart)
	}
	if sources.Signups != nil {
		add(*sources.Signups)
	}
	js, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("writing dashboard: encoding chart data: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	p := page{
		view:      newView(r, l, f, tr, goals, content, sources),
		CSP:       contentSecurityPolicy(echartsSum, sha256.Sum256(initJS)),
		ChartData: template.JS(js),
		EchartsJS: template.JS(echarts),
		InitJS:    template.JS(initJS),
	}
	// Render into memory first so a template error never leaves half a page behind.
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing dashboard: %w", err)
	}
	return nil
}

// contentSecurityPolicy allows exactly the page's inline scripts and nothing from anywhere
// else, so even a future escaping bug cannot run injected code or load a remote resource.
// ECharts sets inline styles and may use data: images, hence the two other sources.
func contentSecurityPolicy(scripts ...[32]byte) string {
	var hashes []string
	for _, s := range scripts {
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(s[:])+"'")
	}
	return "default-src 'none'; script-src " + strings.Join(hashes, " ") +
		"; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
}
