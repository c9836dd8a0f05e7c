//go:build unix

// Package browsertest opens dashboards in headless Chromium (Debian's chromium) with the
// network cut, for tests: it returns the DOM after the page's scripts ran and the browser's
// console, reads back what a reader sees, and writes screenshots as test artifacts.
package browsertest

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

	"golang.org/x/net/html"
)

// ChromiumPath is where Debian installs Chromium.
const ChromiumPath = "/usr/bin/chromium"

// Chromium runs headless Chromium on the page file with args added and returns its stdout
// and stderr. The profile and caches live in the test's temp dir, networking features are
// off and every host name fails to resolve, so the page can only use what it carries. It
// skips when Chromium is missing, or fails under CI=true.
func Chromium(t testing.TB, page string, args ...string) (stdout, stderr string) {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		msg := "headless Chromium not found at " + ChromiumPath +
			"; install it with: sudo apt-get update && sudo apt-get install -y chromium"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
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
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, ChromiumPath, append(append(base, args...), "file://"+abs)...)
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

// Page is what the browser made of a dashboard.
type Page struct {
	Title string
	// Text is the visible text of the body (scripts and styles left out).
	Text string
	// Charts maps each chart container's id to whether it holds a canvas.
	Charts  map[string]bool
	Scripts int
	// Console holds the browser's console messages: script errors and CSP violations.
	Console []string
	// Injected lists elements or attributes that only injected code could have made.
	Injected []string
	DOM      *html.Node
}

// Load opens page and reads back the DOM after its scripts ran.
func Load(t testing.TB, page string) Page {
	t.Helper()
	dom, log := Chromium(t, page, "--dump-dom")
	doc, err := html.Parse(strings.NewReader(dom))
	if err != nil {
		t.Fatalf("parsing the DOM dump: %v", err)
	}
	p := Page{Charts: map[string]bool{}, DOM: doc}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "CONSOLE") {
			p.Console = append(p.Console, line)
		}
	}
	var b strings.Builder
	Walk(doc, func(n *html.Node) {
		id, _ := Attr(n, "id")
		switch {
		case n.Data == "title":
			p.Title = Text(n)
		case n.Data == "script":
			p.Scripts++
		case n.Data == "img" || n.Data == "iframe" || n.Data == "object" || n.Data == "embed":
			p.Injected = append(p.Injected, "<"+n.Data+">")
		case HasClass(n, "chart"):
			p.Charts[id] = false
			Walk(n, func(c *html.Node) {
				if c.Data == "canvas" {
					p.Charts[id] = true
				}
			})
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "data-pwned" {
				p.Injected = append(p.Injected, "<"+n.Data+" "+a.Key+">")
			}
		}
	})
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(doc)
	p.Text = b.String()
	return p
}

// Screenshot writes a PNG of page at the window size ("1280,2400") into the test's temp dir
// and, when GOALPOST_ARTIFACTS is set, into that folder too; it returns the PNG's path.
func Screenshot(t testing.TB, page, name, size string) string {
	t.Helper()
	shot := filepath.Join(t.TempDir(), name)
	Chromium(t, page, "--hide-scrollbars", "--window-size="+size, "--screenshot="+shot)
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
	return shot
}

// Walk calls fn for every element under n.
func Walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, fn)
	}
}

// Attr returns an attribute's value.
func Attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// Text is the text under n.
func Text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// HasClass reports whether n carries the class.
func HasClass(n *html.Node, class string) bool {
	v, _ := Attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}
