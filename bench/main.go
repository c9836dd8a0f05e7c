// Command bench measures Goalpost at an agency's scale (issue 9) and prints four figures
// beside their goals:
//
//  1. ingest: `goalpost ingest` of a large Meta post export against ClickHouse loading the
//     same file with its own CSV parser into a wide table of 31 String columns on the same
//     engine (clickhouse-client ... FORMAT CSVWithNames for the server; INSERT ... SELECT
//     FROM file(...) for the embedded engine), on both engines;
//  2. memory: the peak RSS of the goalpost process during that ingest and during a report;
//  3. report: `goalpost report` for one organisation, and for every organisation in turn;
//  4. start-up: `goalpost sql "SELECT 1"` on the embedded engine.
//
// Run it from the repository root (after `bash scripts/install-chdb.sh`):
//
//	go run ./bench -scale small   # a minute: 20,000 posts, 3 organisations
//	go run ./bench -scale full    # 1,000,000 posts, 20 organisations × 5 GA4 properties × 5 years
//
// Everything it writes (binaries, exports, warehouses, its own clickhouse-server's data)
// goes into a temporary directory that it removes at the end (-keep keeps it).
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// scale is the size of the generated agency.
type scale struct {
	posts    int // rows of the post export whose ingest is measured (organisation 1)
	orgs     int // organisations
	accounts int // GA4 properties per organisation
	years    int // of daily series per property
	orgPosts int // posts of every other organisation's own export
}

var scales = map[string]scale{
	"small": {posts: 20_000, orgs: 3, accounts: 2, years: 1, orgPosts: 1_000},
	"full":  {posts: 1_000_000, orgs: 20, accounts: 5, years: 5, orgPosts: 5_000},
}

// The goals of issue 9.
const (
	goalIngestRatio = 1.5
	goalRSSMB       = 150
	goalReport      = 2 * time.Second
	goalStartup     = 500 * time.Millisecond
	reportPeriod    = "2025-11"
)

// measure is one child process's wall time, CPU time (user + system, which tells more than
// wall time on a busy machine) and peak resident set.
type measure struct {
	wall, cpu time.Duration
	rssMB     float64
	failed    string // why a report has no time (over the time limit, failed), or ""
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scaleName := fs.String("scale", "small", "data size: small (CI, about a minute) or full (the issue's agency)")
	engines := fs.String("engines", "embedded,server", "engines to measure: embedded, server or both")
	keep := fs.Bool("keep", false, "keep the temporary directory (data, warehouses, logs)")
	batchRows := fs.Int("batch-rows", 0, "goalpost ingest --batch-rows (0: goalpost's default)")
	goalpostBin := fs.String("goalpost", "", "measure this goalpost binary instead of building ./cmd/goalpost (to compare two builds)")
	reports := fs.String("reports", "all", "reports to time: all (one org, org01, then every org in turn), one (org02 only) or none")
	reportTimeout := fs.Duration("report-timeout", 10*time.Minute, "give up on a report after this long (it is then shown as over the limit)")
	tries := fs.Int("tries", 3, "runs of figure 1 on each side, alternated; the medians are compared")
	chload := fs.String("chload", "", "internal: load FILE into the embedded warehouse -chload-dir with chDB's own CSV parser")
	chloadDir := fs.String("chload-dir", "", "internal: see -chload")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *chload != "" {
		if err := chDBLoad(ctx, *chloadDir, *chload); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		return 0
	}
	sc, ok := scales[*scaleName]
	if !ok {
		fmt.Fprintf(stderr, "bench: -scale %q: want small or full\n", *scaleName)
		return 2
	}
	if *tries < 1 {
		fmt.Fprintf(stderr, "bench: -tries %d: want at least 1\n", *tries)
		return 2
	}
	b := &bench{sc: sc, stdout: stdout, stderr: stderr, batchRows: *batchRows, goalpost: *goalpostBin, reports: *reports, reportTimeout: *reportTimeout, tries: *tries}
	if b.reports != "all" && b.reports != "one" && b.reports != "none" {
		fmt.Fprintf(stderr, "bench: -reports %q: want all, one or none\n", b.reports)
		return 2
	}
	for _, e := range strings.Split(*engines, ",") {
		switch e = strings.TrimSpace(e); e {
		case "embedded", "server":
			b.engines = append(b.engines, e)
		default:
			fmt.Fprintf(stderr, "bench: -engines %q: want embedded, server or embedded,server\n", *engines)
			return 2
		}
	}
	dir, err := os.MkdirTemp("", "goalpost-bench-")
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	b.dir = dir
	defer func() {
		b.stopServer()
		if *keep {
			fmt.Fprintf(stderr, "bench: kept %s\n", dir)
		} else {
			os.RemoveAll(dir)
		}
	}()
	if err := b.run(ctx); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	return 0
}

type bench struct {
	sc             scale
	engines        []string
	dir            string
	stdout, stderr io.Writer
	batchRows      int
	reports        string
	reportTimeout  time.Duration
	tries          int

	goalpost, gen, self string // binaries
	bigFile             string
	orgDirs             []string

	server     *exec.Cmd
	serverPort int

	rows []row
}

// row is one line of the results table.
type row struct {
	figure, engine, goalpost, clickhouse, ratio, goal, met string
}

func (b *bench) logf(format string, a ...any) {
	fmt.Fprintf(b.stderr, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

func (b *bench) run(ctx context.Context) error {
	start := time.Now()
	if err := b.build(ctx); err != nil {
		return err
	}
	if err := b.generate(ctx); err != nil {
		return err
	}
	for _, engine := range b.engines {
		if err := b.measureEngine(ctx, engine); err != nil {
			return fmt.Errorf("%s engine: %w", engine, err)
		}
	}
	b.print(time.Since(start))
	return nil
}

// build compiles goalpost, the data generator and this program into the temporary directory,
// so that what is timed is the binary, not the compiler.
func (b *bench) build(ctx context.Context) error {
	bin := filepath.Join(b.dir, "bin")
	b.gen, b.self = filepath.Join(bin, "gen"), filepath.Join(bin, "bench")
	builds := []struct{ out, pkg string }{
		{b.gen, "./connectors/internal/benchdata/gen"},
		{b.self, "./bench"},
	}
	if b.goalpost == "" {
		b.goalpost = filepath.Join(bin, "goalpost")
		builds = append(builds, struct{ out, pkg string }{b.goalpost, "./cmd/goalpost"})
	} else if abs, err := filepath.Abs(b.goalpost); err == nil {
		b.goalpost = abs
	}
	for _, x := range builds {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", x.out, x.pkg)
		cmd.Dir = moduleRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", x.pkg, err, out)
		}
	}
	return nil
}

// moduleRoot is the repository root: the working directory, or the folder above when the
// program runs as a test in bench/.
func moduleRoot() string {
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}

// generate writes the agency's exports: organisation 1's big post export (the measured
// ingest), and for every organisation a folder of GA4 daily series (accounts × years) and,
// except organisation 1, a smaller post export of its own.
func (b *bench) generate(ctx context.Context) error {
	data := filepath.Join(b.dir, "data")
	b.bigFile = filepath.Join(data, "org01_posts.csv")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return err
	}
	b.logf("generating %d posts and %d organisations × %d properties × %d years of daily series", b.sc.posts, b.sc.orgs, b.sc.accounts, b.sc.years)
	if err := b.genFile(ctx, "-kind", "posts", "-rows", fmt.Sprint(b.sc.posts), "-o", b.bigFile); err != nil {
		return err
	}
	from := time.Date(2026-b.sc.years, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Sub(from).Hours() / 24)
	for o := 1; o <= b.sc.orgs; o++ {
		org := fmt.Sprintf("org%02d", o)
		d := filepath.Join(data, org)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		b.orgDirs = append(b.orgDirs, d)
		for a := 1; a <= b.sc.accounts; a++ {
			prop := fmt.Sprintf("%s-web-%d", org, a)
			err := b.genFile(ctx, "-kind", "ga4", "-property", prop, "-from", from.Format("2006-01-02"),
				"-rows", fmt.Sprint(days), "-seed", fmt.Sprint(o*100+a), "-o", filepath.Join(d, prop+".csv"))
			if err != nil {
				return err
			}
		}
		if o > 1 {
			if err := b.genFile(ctx, "-kind", "posts", "-rows", fmt.Sprint(b.sc.orgPosts), "-seed", fmt.Sprint(o), "-o", filepath.Join(d, "posts.csv")); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *bench) genFile(ctx context.Context, args ...string) error {
	if out, err := exec.CommandContext(ctx, b.gen, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("gen %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// child runs one process and returns its wall time and peak RSS (wait4's ru_maxrss).
func (b *bench) child(ctx context.Context, stdin io.Reader, name string, args ...string) (measure, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = b.dir // no goalpost.yaml there
	cmd.Stdin = stdin
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Env = append(os.Environ(), "GOALPOST_WAREHOUSE=")
	t0 := time.Now()
	err := cmd.Run()
	m := measure{wall: time.Since(t0)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.rssMB = float64(ru.Maxrss) / 1024
			m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, tailString(out.String(), 3000))
	}
	return m, nil
}

func tailString(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func (b *bench) measureEngine(ctx context.Context, engine string) error {
	var location string
	switch engine {
	case "embedded":
		if _, err := os.Stat(warehouse.ChDBLibraryPath("")); err != nil {
			return fmt.Errorf("embedded engine not installed: run `%s`", warehouse.InstallHint)
		}
		location = filepath.Join(b.dir, "wh-embedded")
	case "server":
		if err := b.startServer(ctx); err != nil {
			return err
		}
		location = fmt.Sprintf("clickhouse://default@127.0.0.1:%d/bench", b.serverPort)
	}
	gp := func(args ...string) (measure, error) {
		return b.child(ctx, nil, b.goalpost, append([]string{"--warehouse", location}, args...)...)
	}

	// 1 and 2: the measured ingest and ClickHouse's own load of the same file, alternated,
	// each into a new warehouse (the last ingest into the one the reports read). What was
	// written before (the generated exports, the previous try) is flushed to disk first, so
	// that its writeback falls in neither side's time: measured once, right after the
	// generator, the first side paid for it.
	ingestArgs := []string{"ingest", "--org", "org01"}
	if b.batchRows > 0 {
		ingestArgs = append(ingestArgs, "--batch-rows", fmt.Sprint(b.batchRows))
	}
	var ings, chs []measure
	for try := 1; try <= b.tries; try++ {
		at := location
		if try < b.tries {
			at = tryLocation(location, try)
		}
		syscall.Sync()
		b.logf("%s: goalpost ingest of %d posts (%d of %d)", engine, b.sc.posts, try, b.tries)
		args := append([]string{"--warehouse", at}, ingestArgs...)
		ing, err := b.child(ctx, nil, b.goalpost, append(args, b.bigFile)...)
		if err != nil {
			return err
		}
		ings = append(ings, ing)
		if at != location {
			if err := b.dropWarehouse(ctx, engine, at); err != nil {
				return err
			}
		}
		syscall.Sync()
		b.logf("%s: ClickHouse's own load of the same file (%d of %d)", engine, try, b.tries)
		ch, err := b.clickhouseLoad(ctx, engine)
		if err != nil {
			return err
		}
		chs = append(chs, ch)
	}
	ing, ch := median(ings), median(chs)
	ratio := ing.wall.Seconds() / ch.wall.Seconds()
	chCPU := secs(ch.cpu)
	if engine == "server" {
		chCPU = "in the server" // the client only streams the file
	}
	b.add(row{fmt.Sprintf("1 ingest %d posts, wall, median of %d", b.sc.posts, b.tries), engine, secs(ing.wall), secs(ch.wall),
		fmt.Sprintf("%.1f×", ratio), fmt.Sprintf("≤ %.1f×", goalIngestRatio), yes(ratio <= goalIngestRatio)})
	if b.tries > 1 {
		b.add(row{"  each try, wall", engine, walls(ings), walls(chs), ratios(ings, chs), "", ""})
	}
	b.add(row{"  ingest, CPU time of the process", engine, secs(ing.cpu), chCPU, "", "", ""})
	peak := slices.MaxFunc(ings, func(x, y measure) int { return cmp.Compare(x.rssMB, y.rssMB) })
	b.add(row{"2 peak RSS, ingest (highest try)", engine, mb(peak.rssMB), mb(ch.rssMB), "", rssGoal(engine), rssMet(engine, peak.rssMB)})

	// The rest of the agency, one ingest per organisation (not a figure of the issue), for
	// the reports.
	if b.reports == "none" {
		return b.startup(ctx, engine, gp)
	}
	b.logf("%s: ingesting %d organisations' daily series and posts", engine, b.sc.orgs)
	var rest time.Duration
	for i, d := range b.orgDirs {
		m, err := gp("ingest", "--org", fmt.Sprintf("org%02d", i+1), d)
		if err != nil {
			return err
		}
		rest += m.wall
	}
	b.add(row{fmt.Sprintf("  ingest of the other exports (%d files)", len(b.orgDirs)*b.sc.accounts+len(b.orgDirs)-1), engine, secs(rest), "", "", "", ""})

	// 3: reports. org02 is a typical organisation; org01 holds the big post export.
	report := func(org string) (measure, bool, error) {
		rctx, cancel := context.WithTimeout(ctx, b.reportTimeout)
		defer cancel()
		m, err := b.child(rctx, nil, b.goalpost, "--warehouse", location, "report", "--org", org, "--period", reportPeriod, "--out", filepath.Join(b.dir, "reports-"+engine))
		switch {
		case err == nil:
			return m, true, nil
		case ctx.Err() != nil:
			return m, false, ctx.Err()
		case rctx.Err() != nil:
			m.failed = "> " + b.reportTimeout.String() // over the time limit
		default:
			// A failed report is a figure too (e.g. a query over the server's memory limit).
			b.logf("%s: report --org %s failed: %v", engine, org, err)
			m.failed = fmt.Sprintf("failed after %s", secs(m.wall))
		}
		return m, false, nil
	}
	wall := func(m measure, finished bool) string {
		if !finished {
			return m.failed
		}
		return secs(m.wall)
	}
	if b.reports != "none" {
		b.logf("%s: reports", engine)
		// The first report after the ingests also pays for the merges they left (the
		// embedded engine merges only while a goalpost process has it open); the best of
		// three is the report of a settled warehouse, as a monthly job finds it.
		one, ok, err := report("org02")
		if err != nil {
			return err
		}
		b.add(row{"3 report one org (org02), first, wall", engine, wall(one, ok), "", "", "< " + secs(goalReport), yes(ok && one.wall < goalReport)})
		peak := one.rssMB
		best, bestOK := one, ok // a failed run counts only when none finished
		for range 2 {
			m, mok, err := report("org02")
			if err != nil {
				return err
			}
			peak = max(peak, m.rssMB)
			if mok && (!bestOK || m.wall < best.wall) {
				best, bestOK = m, true
			}
		}
		b.add(row{"3 report one org (org02), best of 3", engine, wall(best, bestOK), "", "", "< " + secs(goalReport), yes(bestOK && best.wall < goalReport)})
		if b.reports == "all" {
			big, ok, err := report("org01")
			if err != nil {
				return err
			}
			b.add(row{fmt.Sprintf("3 report org01 (%d posts), wall", b.sc.posts), engine, wall(big, ok), "", "", "", ""})
			peak = max(peak, big.rssMB)
			var all time.Duration
			finished := true
			for i := range b.orgDirs {
				m, ok, err := report(fmt.Sprintf("org%02d", i+1))
				if err != nil {
					return err
				}
				all += m.wall
				peak = max(peak, m.rssMB)
				if !ok {
					finished = false
					break
				}
			}
			b.add(row{fmt.Sprintf("3 report all %d orgs in turn, wall", b.sc.orgs), engine, wall(measure{wall: all}, finished), "", "", "", ""})
		}
		b.add(row{"2 peak RSS, report", engine, mb(peak), "", "", rssGoal(engine), rssMet(engine, peak)})
	}

	return b.startup(ctx, engine, gp)
}

// startup measures figure 4 on the embedded engine: best of three (the first run also warms
// the page cache).
func (b *bench) startup(ctx context.Context, engine string, gp func(args ...string) (measure, error)) error {
	if engine != "embedded" {
		return nil
	}
	best := measure{wall: time.Hour}
	for range 3 {
		m, err := gp("sql", "SELECT 1")
		if err != nil {
			return err
		}
		if m.wall < best.wall {
			best = m
		}
	}
	b.add(row{`4 start-up, sql "SELECT 1"`, engine, secs(best.wall), "", "", "< " + secs(goalStartup), yes(best.wall < goalStartup)})
	return nil
}

func rssGoal(engine string) string {
	if engine == "server" {
		return fmt.Sprintf("< %d MB", goalRSSMB)
	}
	return "(chDB in process)"
}

func rssMet(engine string, v float64) string {
	if engine == "server" {
		return yes(v < goalRSSMB)
	}
	return ""
}

func (b *bench) add(r row) { b.rows = append(b.rows, r) }

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(v float64) string         { return fmt.Sprintf("%.0f MB", v) }
func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}

func (b *bench) print(total time.Duration) {
	w := tabwriter.NewWriter(b.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "figure\tengine\tgoalpost\tClickHouse's own\tratio\tgoal\tmet\n")
	for _, r := range b.rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.figure, r.engine, r.goalpost, r.clickhouse, r.ratio, r.goal, r.met)
	}
	w.Flush()
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(b.stdout, "scale: %d posts (%d MB file); %d orgs × %d GA4 properties × %d years daily, %d posts each for orgs 2..%d; report period %s\n",
		b.sc.posts, fileMB(b.bigFile), b.sc.orgs, b.sc.accounts, b.sc.years, b.sc.orgPosts, b.sc.orgs, reportPeriod)
	fmt.Fprintf(b.stdout, "goalpost: %s\n", b.goalpost)
	fmt.Fprintf(b.stdout, "bench took %s; load average at the end: %s", total.Round(time.Second), load)
}

func fileMB(p string) int64 {
	if info, err := os.Stat(p); err == nil {
		return info.Size() >> 20
	}
	return 0
}

// The wide table ClickHouse's own load writes into: one String column per column of the
// export, in a MergeTree like Goalpost's tables.
func wideTable(db string) string {
	cols := make([]string, 31)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d String", i+1)
	}
	return "CREATE TABLE " + db + ".posts (" + strings.Join(cols, ", ") + ") ENGINE = MergeTree ORDER BY tuple()"
}

func wideColumns() string {
	cols := make([]string, 31)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d String", i+1)
	}
	return strings.Join(cols, ", ")
}

// tryLocation is the warehouse of an ingest made only to be timed: another directory, or
// another database on the same server.
func tryLocation(location string, try int) string {
	return fmt.Sprintf("%s_try%d", location, try)
}

// dropWarehouse removes a warehouse made by tryLocation.
func (b *bench) dropWarehouse(ctx context.Context, engine, location string) error {
	if engine == "embedded" {
		return os.RemoveAll(location)
	}
	db := location[strings.LastIndex(location, "/")+1:]
	_, err := b.child(ctx, nil, clientBinary(), "--port", fmt.Sprint(b.serverPort), "--query", "DROP DATABASE IF EXISTS "+db)
	return err
}

// median is the try with the median wall time (the lower middle one of an even number).
func median(ms []measure) measure {
	sorted := slices.SortedFunc(slices.Values(ms), func(x, y measure) int { return cmp.Compare(x.wall, y.wall) })
	return sorted[(len(sorted)-1)/2]
}

func walls(ms []measure) string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%.2f", m.wall.Seconds()))
	}
	return strings.Join(out, " ")
}

func ratios(a, b []measure) string {
	var out []string
	for i := range a {
		out = append(out, fmt.Sprintf("%.1f", a[i].wall.Seconds()/b[i].wall.Seconds()))
	}
	return strings.Join(out, " ")
}

// clickhouseLoad loads the big file with the engine's own CSV parser and times it, into a
// new warehouse each time on the embedded engine, as goalpost's ingest is.
func (b *bench) clickhouseLoad(ctx context.Context, engine string) (measure, error) {
	if engine == "embedded" {
		dir := filepath.Join(b.dir, "wh-rawload")
		if err := os.RemoveAll(dir); err != nil {
			return measure{}, err
		}
		return b.child(ctx, nil, b.self, "-chload", b.bigFile, "-chload-dir", dir)
	}
	client := clientBinary()
	if client == "" {
		return measure{}, errors.New("clickhouse-client not found")
	}
	port := fmt.Sprint(b.serverPort)
	for _, q := range []string{"CREATE DATABASE IF NOT EXISTS rawload", "DROP TABLE IF EXISTS rawload.posts", wideTable("rawload")} {
		if _, err := b.child(ctx, nil, client, "--port", port, "--query", q); err != nil {
			return measure{}, err
		}
	}
	// 18.16 does not skip a byte-order mark: the client reads the file from its fourth byte,
	// as `tail -c +4` would.
	f, err := os.Open(b.bigFile)
	if err != nil {
		return measure{}, err
	}
	defer f.Close()
	if _, err := f.Seek(3, io.SeekStart); err != nil {
		return measure{}, err
	}
	return b.child(ctx, f, client, "--port", port, "--query", "INSERT INTO rawload.posts FORMAT CSVWithNames")
}

func clientBinary() string {
	if p, err := exec.LookPath("clickhouse-client"); err == nil {
		return p
	}
	return ""
}

// chDBLoad runs in a child process (bench -chload): it opens a fresh embedded warehouse and
// loads file into a wide table with chDB's own CSV parser, as a user of clickhouse-local would.
func chDBLoad(ctx context.Context, dir, file string) error {
	if strings.ContainsAny(file, `'\`) {
		return fmt.Errorf("%s: the path must not hold a quote or a backslash", file)
	}
	e, err := warehouse.Open(ctx, dir, warehouse.Options{Holder: "bench"})
	if err != nil {
		return err
	}
	defer e.Close()
	for _, q := range []string{
		"CREATE DATABASE IF NOT EXISTS rawload",
		"DROP TABLE IF EXISTS rawload.posts",
		wideTable("rawload"),
		// The structure is given, and the header only skipped, as the server's
		// CSVWithNames does; the byte-order mark is skipped by the engine.
		"INSERT INTO rawload.posts SELECT * FROM file('" + file + "', 'CSVWithNames', '" + wideColumns() + "') SETTINGS input_format_with_names_use_header = 0",
	} {
		if err := e.Exec(ctx, q, nil); err != nil {
			return err
		}
	}
	res, err := e.Query(ctx, "SELECT count() FROM rawload.posts", nil)
	if err != nil {
		return err
	}
	fmt.Println(res.Rows[0][0], "rows")
	return nil
}

// startServer starts a private clickhouse-server on free loopback ports, configured as the
// tests' (warehousetest.WriteServerConfig), with its data in the temporary directory.
func (b *bench) startServer(ctx context.Context) error {
	if b.server != nil {
		return nil
	}
	bin := warehousetest.ServerBinary()
	if bin == "" {
		return errors.New("clickhouse-server not found: apt-get install clickhouse-server (Debian), or put it on PATH")
	}
	dir := filepath.Join(b.dir, "server")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tcp, err1 := warehousetest.FreePort()
	httpPort, err2 := warehousetest.FreePort()
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if err := warehousetest.WriteServerConfig(dir, tcp, httpPort); err != nil {
		return err
	}
	log, err := os.Create(filepath.Join(dir, "stdout.log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, "--config-file="+filepath.Join(dir, "config.xml"))
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, log, log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", bin, err)
	}
	b.server, b.serverPort = cmd, tcp
	b.logf("server: clickhouse-server on 127.0.0.1:%d", tcp)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if err := ctx.Err(); err != nil {
			return err
		}
		e, err := warehouse.Open(ctx, fmt.Sprintf("clickhouse://default@127.0.0.1:%d/default", tcp), warehouse.Options{})
		if err == nil {
			e.Close()
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("clickhouse-server on port %d did not answer within 60 s (see %s)", tcp, dir)
}

func (b *bench) stopServer() {
	if b.server != nil && b.server.Process != nil {
		b.server.Process.Kill()
		b.server.Wait()
	}
}
