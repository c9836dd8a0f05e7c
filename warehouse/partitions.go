package warehouse

import (
	"context"
	"fmt"
	"strings"
)

// The embedded engine keeps the dated store tables in yearly partitions, where a server keeps
// the monthly ones that sql/schema creates. Every goalpost command starts the embedded engine
// afresh, and the engine loads every part of every table when it starts: with monthly
// partitions the bench's agency had 127 parts and `goalpost sql "SELECT 1"` took 0.59 s,
// with yearly ones 11 parts and 0.43 s (docs/performance.md, step 16). A server loads its
// parts once and keeps running. A nonprofit's data is small enough that one part per year is
// what ClickHouse advises against only for tables of billions of rows.
var yearlyPartitions = []struct{ table, monthly, key string }{
	{"metrics_daily_store", "toYYYYMM(date)", "toYear(date)"},
	{"posts_store", "toYYYYMM(published_at)", "toYear(published_at)"},
	{"donations_store", "toYYYYMM(at)", "toYear(at)"},
	{"signups_store", "toYYYYMM(at)", "toYear(at)"},
}

// yearlyCreate is the embedded engine's rewrite of a migration: the CREATE TABLE of a table
// of yearlyPartitions gets the yearly key instead of sql/schema's monthly one, so a new
// warehouse has it from the start (rebuilding even empty tables cost its first command
// 0.1 s). A statement that does not read as expected is left alone; partitionByYear then
// rebuilds the table.
func yearlyCreate(name, stmt string) ([]string, error) {
	m := createTableRE.FindStringSubmatch(stmt)
	if m == nil {
		return []string{stmt}, nil
	}
	for _, p := range yearlyPartitions {
		if m[1] == p.table {
			return []string{strings.Replace(stmt, "PARTITION BY "+p.monthly, "PARTITION BY "+p.key, 1)}, nil
		}
	}
	return []string{stmt}, nil
}

// partitionByYear rebuilds each table of yearlyPartitions that is still partitioned
// otherwise (a warehouse made by an older goalpost): a copy with the yearly key is filled, exchanged with the table, and the old one
// dropped. A run stopped at any step starts that table over (before the exchange) or only
// drops what is left (after it), so nothing is lost or copied twice. A warehouse made before
// step 16 is copied once, at its first open by a newer goalpost; otherwise this is one query.
func partitionByYear(ctx context.Context, e *embedded) error {
	var names []string
	for _, p := range yearlyPartitions {
		names = append(names, p.table, p.table+copySuffix)
	}
	res, err := e.Query(ctx, "SELECT name, partition_key, sorting_key, total_rows FROM system.tables WHERE database = currentDatabase() AND has({names:Array(String)}, name)", Params{"names": names})
	if err != nil {
		return fmt.Errorf("reading the partitions of the store tables: %w", err)
	}
	type table struct {
		key, order string
		rows       uint64
	}
	tables := map[string]table{}
	for _, r := range res.Rows {
		rows, _ := r[3].(uint64) // NULL for a table that does not know
		tables[r[0].(string)] = table{key: r[1].(string), order: r[2].(string), rows: rows}
	}
	for _, p := range yearlyPartitions {
		t, ok := tables[p.table]
		if !ok {
			return fmt.Errorf("partitioning %s by year: no such table", p.table)
		}
		// Names and keys come from the list above and the engine's catalogue; none is
		// export text. Identifiers cannot be bound as parameters, hence the concatenation.
		copyName := p.table + copySuffix
		var steps []string
		if _, left := tables[copyName]; left {
			steps = append(steps, "DROP TABLE "+copyName+" SYNC")
		}
		if t.key != p.key {
			if t.rows > 0 && e.notice != nil {
				e.notice(fmt.Sprintf("upgrading the warehouse: copying %s (%d rows) into yearly partitions, once", p.table, t.rows))
			}
			steps = append(steps,
				"CREATE TABLE "+copyName+" AS "+p.table+" ENGINE = MergeTree() PARTITION BY "+p.key+" ORDER BY ("+t.order+")",
				"INSERT INTO "+copyName+" SELECT * FROM "+p.table,
				"EXCHANGE TABLES "+p.table+" AND "+copyName,
				"DROP TABLE "+copyName+" SYNC",
			)
		}
		for _, s := range steps {
			if err := e.Exec(ctx, s, nil); err != nil {
				return fmt.Errorf("partitioning %s by year: %w", p.table, err)
			}
		}
	}
	return nil
}

// copySuffix names the copy a table is rebuilt into.
const copySuffix = "_by_year"
