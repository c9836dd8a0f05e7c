package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/reports/dashboard"
	"github.com/goalpost/goalpost/reports/reportstest"
)

// TestIndexListsEveryReportInItsLanguage: the index names each report by organisation and
// period as its dashboard says them, newest first, links the dashboard and the workbook,
// keeps export text as text, and speaks the newest report's language.
func TestIndexListsEveryReportInItsLanguage(t *testing.T) {
	dir := t.TempDir()
	for _, key := range []string{"2025-09", "2025-10"} {
		r := reportstest.Sample("fr")
		r.Period.Key = key
		if key == "2025-09" {
			r.Period.Label = "septembre 2025"
		}
		f, err := os.Create(filepath.Join(dir, r.Org+"-"+key+".html"))
		if err != nil {
			t.Fatal(err)
		}
		if err := dashboard.Write(context.Background(), f, r); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	for _, name := range []string{"amis-du-fleuve-2025-10.xlsx", "other-2024.xlsx", ".amis-du-fleuve-2025-11.html.tmp", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteIndex(dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`<html lang="fr">`, "Rapports d’objectifs", "Les Amis du Fleuve &amp; Co &lt;Test&gt; — octobre 2025",
		"Les Amis du Fleuve &amp; Co &lt;Test&gt; — septembre 2025", `href="amis-du-fleuve-2025-10.html"`,
		`href="amis-du-fleuve-2025-10.xlsx"`, `href="other-2024.xlsx"`, "Généré le 2 novembre 2025 à 08:30 CET",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	if strings.Index(page, "octobre 2025") > strings.Index(page, "septembre 2025") {
		t.Error("the newest period is not first")
	}
	for _, bad := range []string{"<script", "notes.txt", ".tmp"} {
		if strings.Contains(page, bad) {
			t.Errorf("index contains %q", bad)
		}
	}
}
