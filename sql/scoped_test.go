package sql_test

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestMain(m *testing.M) { warehousetest.Main(m) }

// body is what ScopeToOrg puts in place of a view: its scoped file, parenthesised.
func body(t *testing.T, view string) string {
	t.Helper()
	b, err := fs.ReadFile(sqlfiles.FS(), "scoped/"+view+".sql")
	if err != nil {
		t.Fatal(err)
	}
	return "(\n" + strings.TrimRight(string(b), "\n") + "\n) AS " + view
}

func TestScopeToOrg(t *testing.T) {
	kpi := body(t, "kpi_daily")
	cases := []struct {
		name, in, want string
	}{
		{"FROM a view", "SELECT 1 FROM kpi_daily WHERE org = {org:String}",
			"SELECT 1 FROM " + kpi + " WHERE org = {org:String}"},
		{"JOIN a view, keywords in any case", "select 1 from goal_kpis AS g any inner join\n\tkpi_daily USING (kpi)",
			"select 1 from " + body(t, "goal_kpis") + " AS g any inner join\n\t" + kpi + " USING (kpi)"},
		{"a comment between FROM and the view", "SELECT 1 FROM -- the newest run\n kpi_daily",
			"SELECT 1 FROM -- the newest run\n " + kpi},
		{"tables, qualified names and columns stay", "SELECT kpi_daily.x, posts FROM kpi_daily_log, db.kpi_daily JOIN other.kpi_daily_x",
			"SELECT kpi_daily.x, posts FROM kpi_daily_log, db.kpi_daily JOIN other.kpi_daily_x"},
		{"a name after a comma is a second table (not read by reports)", "SELECT 1 FROM t, kpi_daily",
			"SELECT 1 FROM t, kpi_daily"},
		{"quoted text and comments stay", "SELECT 'FROM kpi_daily', \"FROM posts\" /* FROM posts */ -- FROM posts\nFROM `kpi_daily`",
			"SELECT 'FROM kpi_daily', \"FROM posts\" /* FROM posts */ -- FROM posts\nFROM `kpi_daily`"},
		{"escaped quotes", `SELECT 'it\'s FROM posts', 'a''b FROM posts' FROM kpi_daily`,
			`SELECT 'it\'s FROM posts', 'a''b FROM posts' FROM ` + kpi},
		{"a table function", "SELECT 1 FROM numbers(3)", "SELECT 1 FROM numbers(3)"},
		{"the end of the text", "SELECT 1 FROM kpi_daily", "SELECT 1 FROM " + kpi},
	}
	const pushdown = "\nSETTINGS enable_optimize_predicate_expression = 1, max_bytes_before_external_group_by = 1000000000"
	for i := range cases {
		cases[i].want += pushdown
	}
	cases = append(cases, []struct{ name, in, want string }{
		{"the setting goes before a semicolon", "SELECT 1 FROM t;\n", "SELECT 1 FROM t" + pushdown + ";\n"},
		{"and before a closing comment", "SELECT 1 FROM t -- the end\n", "SELECT 1 FROM t" + pushdown + " -- the end\n"},
		{"a statement's own settings are kept", "SELECT 1 FROM kpi_daily SETTINGS max_threads = 1", "SELECT 1 FROM " + kpi + " SETTINGS max_threads = 1"},
		{"a word settings in text is not a clause", "SELECT 'SETTINGS' -- SETTINGS", "SELECT 'SETTINGS'" + pushdown + " -- SETTINGS"},
	}...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := sqlfiles.ScopeToOrg(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("ScopeToOrg(%q)\n got: %q\nwant: %q", c.in, got, c.want)
			}
		})
	}

	// A view's scoped SELECT that reads another view has that one scoped too: the posts of
	// one organisation are filtered by that organisation's ledger.
	got, err := sqlfiles.ScopeToOrg("SELECT count() FROM posts WHERE org = {org:String}")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, body(t, "ingested_files")) || strings.Contains(got, "FROM ingested_files ") {
		t.Errorf("posts' ledger is not scoped:\n%s", got)
	}
}

var createViewRE = regexp.MustCompile(`CREATE VIEW IF NOT EXISTS (\w+)`)

// schemaViews lists the views the migrations create, without those a later migration drops.
func schemaViews(t *testing.T) []string {
	t.Helper()
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var views []string
	for _, m := range migrations {
		for _, mm := range createViewRE.FindAllStringSubmatch(m.SQL, -1) {
			if !slices.Contains(views, mm[1]) {
				views = append(views, mm[1])
			}
		}
	}
	return views
}

// Every view has a scoped form, so no report statement reads a view unscoped.
func TestEveryViewIsScoped(t *testing.T) {
	views := schemaViews(t)
	if len(views) < 10 {
		t.Fatalf("found only %d views in sql/schema: %v", len(views), views)
	}
	for _, v := range views {
		if _, err := fs.Stat(sqlfiles.FS(), "scoped/"+v+".sql"); err != nil {
			t.Errorf("view %s has no sql/scoped/%s.sql: reports reading it on the 18.16 server would read every organisation", v, v)
		}
	}
	entries, err := fs.ReadDir(sqlfiles.FS(), "scoped")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(views, strings.TrimSuffix(e.Name(), ".sql")) {
			t.Errorf("sql/scoped/%s is not a view of sql/schema", e.Name())
		}
	}
}

// TestScopedViewsReturnTheViewsRows fills every table the views read with random rows of
// two organisations (repeated keys, several versions, files loaded, loading and rejected)
// and checks, on both engines, that each scoped view returns exactly the view's rows for
// each organisation.
func TestScopedViewsReturnTheViewsRows(t *testing.T) {
	ctx := context.Background()
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		rng := rand.New(rand.NewPCG(9, 22))
		for _, table := range []string{
			"ingested_files_log", "metrics_daily_store", "posts_store", "post_metrics_store", "post_metric_sets_store",
			"donations_store", "signups_store", "kpi_daily_log", "kpi_definitions_log",
			"goal_organisations_log", "goal_kpis_log", "goal_baselines_log", "goal_milestones_log",
			"goal_benchmarks_log",
		} {
			fill(ctx, t, e, rng, table, 400)
		}
		// The data must hold files in every state, else the ledger's filter goes untested.
		states, err := e.Query(ctx, "SELECT org, groupUniqArray(status) FROM ingested_files GROUP BY org", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range states.Rows {
			if got := fmt.Sprint(r[1]); !strings.Contains(got, "loaded") || !strings.Contains(got, "loading") || !strings.Contains(got, "rejected") {
				t.Fatalf("%s's files are only %s: the test data needs loaded, loading and rejected ones", r[0], got)
			}
		}
		for _, view := range schemaViews(t) {
			for _, org := range []string{"org-a", "org-b"} {
				plain := "SELECT * FROM " + view + " WHERE org = {org:String}"
				scoped, err := sqlfiles.ScopeToOrg(plain)
				if err != nil {
					t.Fatal(err)
				}
				want := rowsOf(ctx, t, e, plain, org)
				got := rowsOf(ctx, t, e, scoped, org)
				if len(want) == 0 {
					t.Errorf("%s for %s: the view returns no rows, so the comparison proves nothing", view, org)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s for %s: the scoped view returns %d rows, the view %d\nfirst scoped: %v\nfirst view:   %v",
						view, org, len(got), len(want), first(got), first(want))
				}
			}
		}
	})
}

func first(rows []string) string {
	if len(rows) == 0 {
		return "(none)"
	}
	return rows[0]
}

// rowsOf runs a query for org and returns its rows as sorted text.
func rowsOf(ctx context.Context, t *testing.T, e warehouse.Engine, q, org string) []string {
	t.Helper()
	res, err := e.Query(ctx, q, warehouse.Params{"org": org})
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	out := make([]string, len(res.Rows))
	for i, r := range res.Rows {
		out[i] = fmt.Sprint(r...)
	}
	slices.Sort(out)
	return out
}

// fill inserts n random rows into table, each column's value drawn from a small domain so
// that keys repeat across versions, files and organisations.
func fill(ctx context.Context, t *testing.T, e warehouse.Engine, rng *rand.Rand, table string, n int) {
	t.Helper()
	res, err := e.Query(ctx, "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}", warehouse.Params{"t": table})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) == 0 {
		t.Fatalf("table %s has no columns", table)
	}
	var cols, types []string
	for _, r := range res.Rows {
		cols = append(cols, r[0].(string))
		types = append(types, r[1].(string))
	}
	files := []string{"sha-1", "sha-2", "sha-3", "sha-4", "sha-5", "sha-6", "sha-7", "sha-8", "sha-9"}
	// The goals and KPI logs hold snapshots: many rows of one version, the newest read.
	snapshot := table != "ingested_files_log" && strings.HasSuffix(table, "_log")
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		row := make([]any, len(cols))
		// A row's arrays pair up (ARRAY JOIN), so they share one length; its names are
		// distinct, since two equal names in one row would tie in argMax.
		names := []string{"reach", "views", "shares"}[:rng.IntN(4)]
		for j, c := range cols {
			typ := types[j]
			switch {
			case c == "org":
				row[j] = []string{"org-a", "org-b"}[rng.IntN(2)]
			case c == "sha256" || c == "source_file":
				row[j] = files[rng.IntN(len(files))]
			case c == "status":
				row[j] = []string{"loaded", "loaded", "loading", "rejected"}[rng.IntN(4)]
			case typ == "String":
				row[j] = fmt.Sprintf("%s-%d", c, rng.IntN(3))
			case typ == "Date":
				row[j] = day.AddDate(0, 0, rng.IntN(4))
			case strings.HasPrefix(typ, "DateTime"):
				row[j] = day.Add(time.Duration(rng.IntN(4)) * time.Hour)
			case typ == "Float64":
				row[j] = float64(rng.IntN(1000)) / 4
			case strings.HasPrefix(typ, "Decimal"):
				row[j] = float64(rng.IntN(100000)) / 100
			case c == "version" && !snapshot:
				// Versions increase per organisation (pipeline/version.go): argMax never meets a tie.
				row[j] = uint64(i + 1)
			case typ == "UInt64" || typ == "UInt32":
				row[j] = uint64(rng.IntN(5)) // a snapshot's rows share its version
			case typ == "Array(String)":
				row[j] = names
			case typ == "Array(Float64)":
				v := make([]float64, len(names))
				for k := range v {
					v[k] = float64(rng.IntN(1000)) / 4
				}
				row[j] = v
			case typ == "UInt8":
				row[j] = uint8(rng.IntN(2))
			default:
				t.Fatalf("%s.%s: no random values for type %s", table, c, typ)
			}
		}
		rows[i] = row
	}
	if err := e.Insert(ctx, table, cols, rows); err != nil {
		t.Fatalf("insert into %s: %v", table, err)
	}
	// Merge now, so that a background merge of the ReplacingMergeTree logs cannot change the
	// rows between the view's query and the scoped one.
	if err := e.Exec(ctx, "OPTIMIZE TABLE "+table+" FINAL", nil); err != nil {
		t.Fatalf("optimize %s: %v", table, err)
	}
}
