//go:build unix

package dashboard

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goalpost/goalpost/reports"
	"golang.org/x/net/html"
)

const chromiumPath = "/usr/bin/chromium"

// chromium runs headless Chromium on page with args added, and returns its stdout and stderr.
// The profile and caches live in the test's temp dir, networking features are off and every
// host name fails to resolve, so the page can only use what it carries.
func chromium(t *testing.T, page string, args ...string) (stdout, stderr string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "headless Chromium not found at " + chromiumPath +
			"; install it with: sudo apt-get update && sudo apt-get install -y chromium"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	home := t.TempDir()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(home, "profile"),
		"--host-resolver-rules=MAP * ~NOTFOUND",
		"--enable-logging=stderr", "--v=0",
		// Virtual time runs the page's timers to completion, so the charts have drawn.
		"--virtual-time-budget=5000",
	}
	cmd := exec.CommandContext(ctx, chromiumPath, append(append(base, args...), "file://"+page)...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_CACHE_HOME="+home)
	// Chromium starts helper processes: run it in its own process group and, on timeout,
	// kill that group only.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, tail(errOut.String(), 2000))
	}
	return out.String(), errOut.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// writePage renders r into a temp file and returns its path.
func writePage(t *testing.T, r *reports.Report) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dashboard.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), f, r); err != nil {
		f.Close()
		t.Fatalf("Write: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBrowserDrawsChartsAndRunsNoInjectedCode(t *testing.T) {
	r := hostile("en")
	page := writePage(t, r)
	dom, log := chromium(t, page, "--dump-dom")

	// The console holds CSP violations and script errors: there must be none, which also
	// proves the CSP hashes match the scripts that drew the charts.
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "CONSOLE") {
			t.Errorf("browser console: %s", line)
		}
	}

	doc, err := html.Parse(strings.NewReader(dom))
	if err != nil {
		t.Fatalf("parsing the DOM dump: %v", err)
	}
	charts := map[string]bool{}
	var title string
	var scripts int
	var cells []string
	walk(doc, func(n *html.Node) {
		id, _ := attr(n, "id")
		switch {
		case n.Data == "title":
			title = text(n)
		case n.Data == "script":
			scripts++
		case n.Data == "img":
			t.Errorf("an <img> element was injected: %v", n.Attr)
		case n.Data == "td" && hasClass(n, "text"):
			cells = append(cells, text(n))
		case strings.HasPrefix(id, "trend-"):
			charts[id] = false
			walk(n, func(c *html.Node) {
				if c.Data == "canvas" {
					charts[id] = true
				}
			})
		}
		if _, ok := attr(n, "data-pwned"); ok {
			t.Errorf("injected code ran: <%s> has data-pwned", n.Data)
		}
	})

	if len(charts) == 0 {
		t.Error("no chart container in the page")
	}
	for id, drawn := range charts {
		if !drawn {
			t.Errorf("chart %s holds no <canvas>: ECharts did not draw", id)
		}
	}
	wantTitle := "Goal report — " + r.OrgName + " — " + r.Period.Label
	if title != wantTitle {
		t.Errorf("document.title = %q, want %q (unchanged by injected code)", title, wantTitle)
	}
	if scripts != 3 {
		t.Errorf("DOM has %d script elements, want 3", scripts)
	}
	if len(cells) != len(r.TopPosts) {
		t.Fatalf("DOM has %d post cells, want %d", len(cells), len(r.TopPosts))
	}
	for i, p := range r.TopPosts {
		if cells[i] != p.Title {
			t.Errorf("post %d shows %q, want %q as text", i+1, cells[i], p.Title)
		}
	}
}

func TestBrowserScreenshot(t *testing.T) {
	sizes := []struct{ name, size string }{
		{"desktop", "1280,2400"},
		{"phone", "390,4200"},
	}
	for _, lang := range []string{"en", "fr"} {
		page := writePage(t, hostile(lang))
		for _, s := range sizes {
			name := "dashboard-" + lang + "-" + s.name + ".png"
			shot := filepath.Join(t.TempDir(), name)
			chromium(t, page, "--hide-scrollbars", "--window-size="+s.size, "--screenshot="+shot)
			b, err := os.ReadFile(shot)
			if err != nil {
				t.Fatalf("no screenshot: %v", err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("screenshot %s: %v", name, err)
			}
			if img.Bounds().Dx() == 0 {
				t.Errorf("screenshot %s is empty", name)
			}
			if dir := os.Getenv("GOALPOST_ARTIFACTS"); dir != "" {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
