package warehouse

import (
	"context"
	"errors"
	"fmt"
	"time"

	sqlfiles "github.com/goalpost/goalpost/sql"
)

// Migrate applies the numbered files of sql/schema that this warehouse has not recorded yet.
// Every file is written to be safe to run twice (IF NOT EXISTS), so a crash between applying
// a file and recording it only means the file runs again next time.
//
// On a cluster (clickhouse://...?cluster=NAME) the files are applied on every node, each
// table as a shard table and a Distributed table over it (see cluster.go). On the embedded
// engine the dated store tables are then partitioned by year (see partitions.go).
func Migrate(ctx context.Context, e Engine) error {
	if s, ok := e.(*server); ok && s.cluster != nil {
		return s.migrateCluster(ctx)
	}
	em, ok := e.(*embedded)
	if !ok {
		return migrate(ctx, e, nil)
	}
	if err := migrate(ctx, e, yearlyCreate); err != nil {
		return err
	}
	return partitionByYear(ctx, em)
}

// migrate applies pending migrations on e, each file rewritten into statements by rewrite
// when it is not nil.
func migrate(ctx context.Context, e Engine, rewrite func(name, stmt string) ([]string, error)) error {
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		return err
	}
	if len(migrations) == 0 || migrations[0].Version != 0 {
		return fmt.Errorf("sql/schema: 0000 must create schema_migrations")
	}
	if err := e.Exec(ctx, migrations[0].SQL, nil); err != nil {
		return fmt.Errorf("migrate %s: %w", migrations[0].Name, err)
	}
	q, err := sqlfiles.Statement("pipeline/migrations_applied.sql")
	if err != nil {
		return err
	}
	res, err := e.Query(ctx, q, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	applied := map[int64]bool{}
	for _, r := range res.Rows {
		applied[r[0].(int64)] = true
	}
	// The files applied are recorded together, in one INSERT once the last has run (or one
	// has failed): a part per file made a new warehouse start with 33 parts to load in this
	// table. Recording later is as safe as recording each at once, since a file that ran
	// but is not recorded only runs again.
	var done [][]any
	record := func() error {
		if len(done) == 0 {
			return nil
		}
		if err := e.Insert(ctx, "schema_migrations", []string{"version", "name", "applied_at"}, done); err != nil {
			return fmt.Errorf("migrate: recording %d applied files: %w", len(done), err)
		}
		return nil
	}
	for _, m := range migrations {
		if applied[int64(m.Version)] {
			continue
		}
		stmts := []string{m.SQL}
		if rewrite != nil {
			if stmts, err = rewrite(m.Name, m.SQL); err != nil {
				return errors.Join(fmt.Errorf("migrate %w", err), record())
			}
		}
		for _, stmt := range stmts {
			if err := e.Exec(ctx, stmt, nil); err != nil {
				return errors.Join(fmt.Errorf("migrate %s: %w", m.Name, err), record())
			}
		}
		done = append(done, []any{uint32(m.Version), m.Name, time.Now().UTC().Truncate(time.Second)})
	}
	return record()
}

// checkMigrated fails when the warehouse lacks a migration this binary knows, for
// connections that may not apply them (a read-only user).
func checkMigrated(ctx context.Context, e Engine) error {
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		return err
	}
	q, err := sqlfiles.Statement("pipeline/migrations_applied.sql")
	if err != nil {
		return err
	}
	res, err := e.Query(ctx, q, nil)
	if err != nil {
		return fmt.Errorf("%s: reading schema_migrations (has goalpost set this database up yet?): %w", e.Describe(), err)
	}
	applied := map[int64]bool{}
	for _, r := range res.Rows {
		applied[r[0].(int64)] = true
	}
	for _, m := range migrations {
		if !applied[int64(m.Version)] {
			return fmt.Errorf("%s: the warehouse lacks migration %s and this read-only user cannot apply it; run any goalpost command once as a user that may write", e.Describe(), m.Name)
		}
	}
	return nil
}
