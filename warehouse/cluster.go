package warehouse

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"

	sqlfiles "github.com/goalpost/goalpost/sql"
)

// A warehouse on a ClickHouse cluster (clickhouse://host/db?cluster=NAME) keeps every table
// of sql/schema, except schema_migrations, as two tables on every node:
//
//   - NAME_local, the table as sql/schema writes it (MergeTree family), holding this shard's
//     rows; ReplicatedMergeTree family where a shard has more than one replica;
//   - NAME, a Distributed table over NAME_local on every shard, sharded by cityHash64(org).
//
// The views keep their names and read the Distributed tables, so analysts, reports and
// inserts use the same names and SQL as on one server. Every table has an org column and
// every dedup key includes org, so all versions of a row land on the same shard.
//
// Migrations are applied by Goalpost on each node in turn (read from system.clusters), not
// with ON CLUSTER: ClickHouse 18.16 runs ON CLUSTER only through ZooKeeper's distributed DDL
// queue, while every file is idempotent (IF NOT EXISTS) and each node records what it has
// applied in its own schema_migrations. docs/cluster.md explains the deployment.

// cluster is what a server connection knows about the cluster it is part of.
type cluster struct {
	name  string
	db    string
	nodes []clusterNode
	// replicated is true when some shard has more than one replica: the local tables are
	// then ReplicatedMergeTree, which needs ZooKeeper and the {shard} and {replica} macros.
	replicated bool
	// sharded names the tables that are Distributed over NAME_local.
	sharded map[string]bool
}

// clusterNode is one server of the cluster as system.clusters lists it.
type clusterNode struct {
	shard, replica int
	host           string
	port           int
}

func (n clusterNode) addr() string { return net.JoinHostPort(n.host, strconv.Itoa(n.port)) }

// insertSync makes an INSERT into a Distributed table return only once every shard has
// written its rows, so that the ledger's "loaded" mark never precedes the data it vouches
// for. With the default (asynchronous) insert, rows wait in the initiator's spool and a crash
// there loses them after Goalpost was told they were written.
const insertSync = "insert_distributed_sync"

// joinCluster reads the named cluster's nodes and makes this connection insert synchronously.
func (s *server) joinCluster(ctx context.Context, name string) error {
	res, err := s.Query(ctx, "SELECT shard_num, replica_num, host_address, port FROM system.clusters WHERE cluster = {c:String} ORDER BY shard_num, replica_num", Params{"c": name})
	if err != nil {
		return fmt.Errorf("%s: reading system.clusters: %w", s.Describe(), err)
	}
	c := &cluster{name: name, db: s.db}
	for _, r := range res.Rows {
		n := clusterNode{shard: int(toInt(r[0])), replica: int(toInt(r[1])), host: r[2].(string), port: int(toInt(r[3]))}
		if n.replica > 1 {
			c.replicated = true
		}
		c.nodes = append(c.nodes, n)
	}
	if len(c.nodes) == 0 {
		return fmt.Errorf("%s: no cluster %q in the server's remote_servers (system.clusters); see docs/cluster.md", s.Describe(), name)
	}
	if c.sharded, err = shardedTables(); err != nil {
		return err
	}
	s.cluster = c

	ro, err := s.readOnlyUser(ctx)
	if err != nil {
		return err
	}
	if ro {
		// A read-only user inserts nothing, and may not change settings.
		return nil
	}
	o := *s.opts
	o.Settings = clickhouse.Settings{}
	for k, v := range s.opts.Settings {
		o.Settings[k] = v
	}
	o.Settings[insertSync] = 1
	conn, err := clickhouse.Open(&o)
	if err != nil {
		return fmt.Errorf("ClickHouse server %s: %w", s.addr, err)
	}
	s.conn.Close()
	s.conn, s.opts = conn, &o
	return nil
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case uint64:
		return int64(x)
	}
	return 0
}

var (
	createTableRE = regexp.MustCompile(`(?i)\bCREATE TABLE IF NOT EXISTS (\w+)\s*\(`)
	alterTableRE  = regexp.MustCompile(`(?is)^((?:\s*--[^\n]*\n)*\s*ALTER TABLE )(\w+)(\s.*)$`)
	mutationRE    = regexp.MustCompile(`(?is)^((?:\s*--[^\n]*\n)*\s*ALTER TABLE )(\w+)(\s+(?:DELETE|UPDATE)\s.*)$`)
	createViewRE  = regexp.MustCompile(`(?i)^\s*(--[^\n]*\n\s*)*CREATE VIEW`)
	orgColumnRE   = regexp.MustCompile(`(?m)^\s*org String\b`)
	engineRE      = regexp.MustCompile(`(?i)\bENGINE = (\w*)MergeTree\(([^)]*)\)`)
	subqueryInRE  = regexp.MustCompile(`(?i)(\bGLOBAL\s+)?\b((?:NOT\s+)?IN\s*\(\s*SELECT\b)`)
)

// shardedTables lists the tables of sql/schema that a cluster keeps as NAME_local + NAME.
func shardedTables() (map[string]bool, error) {
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		return nil, err
	}
	t := map[string]bool{}
	for _, m := range migrations {
		if mm := createTableRE.FindStringSubmatch(m.SQL); mm != nil && mm[1] != "schema_migrations" {
			t[mm[1]] = true
		}
	}
	return t, nil
}

// statements rewrites one migration file for a node of the cluster. The SQL stays the
// files' own: only table names, the engine and IN get rewritten, from a fixed pattern and
// names that passed isIdentifier.
func (c *cluster) statements(name, stmt string) ([]string, error) {
	if m := createTableRE.FindStringSubmatchIndex(stmt); m != nil {
		table := stmt[m[2]:m[3]]
		if table == "schema_migrations" {
			return []string{stmt}, nil // each node records what it has applied
		}
		if !orgColumnRE.MatchString(stmt) {
			return nil, fmt.Errorf("%s: table %s has no org column to shard it by", name, table)
		}
		local := table + "_local"
		create := stmt[:m[2]] + local + stmt[m[3]:]
		if c.replicated {
			var err error
			if create, err = c.replicatedEngine(name, local, create); err != nil {
				return nil, err
			}
		}
		dist := "CREATE TABLE IF NOT EXISTS " + table + " AS " + local +
			" ENGINE = Distributed(" + quote(c.name) + ", " + quote(c.db) + ", " + quote(local) + ", cityHash64(org))"
		return []string{create, dist}, nil
	}
	if m := alterTableRE.FindStringSubmatch(stmt); m != nil && c.sharded[m[2]] {
		// A schema change goes to the shard table and to the Distributed table over it.
		return []string{m[1] + m[2] + "_local" + m[3], stmt}, nil
	}
	if createViewRE.MatchString(stmt) {
		// A view reads Distributed tables. Where it filters one by a subquery over another
		// (the newest snapshot per org), plain IN would make every shard run the subquery over
		// the whole cluster, which ClickHouse refuses by default (distributed_product_mode =
		// 'deny'); GLOBAL IN runs it once on the node the query came to and ships the set.
		return []string{globalIn(stmt)}, nil
	}
	return []string{stmt}, nil
}

// globalIn makes every IN (SELECT ...) of a statement GLOBAL IN.
func globalIn(stmt string) string {
	return subqueryInRE.ReplaceAllStringFunc(stmt, func(m string) string {
		if sm := subqueryInRE.FindStringSubmatch(m); sm[1] == "" {
			return "GLOBAL " + m
		}
		return m
	})
}

// replicatedEngine turns a MergeTree-family engine into its Replicated form, with one
// ZooKeeper path per shard and table and the node's {replica} macro.
func (c *cluster) replicatedEngine(name, local, stmt string) (string, error) {
	m := engineRE.FindStringSubmatchIndex(stmt)
	if m == nil {
		return "", fmt.Errorf("%s: table %s: no MergeTree engine to replicate", name, local)
	}
	kind, args := stmt[m[2]:m[3]], strings.TrimSpace(stmt[m[4]:m[5]])
	path := quote("/clickhouse/tables/{shard}/" + c.db + "/" + local)
	engine := "ENGINE = Replicated" + kind + "MergeTree(" + path + ", '{replica}'"
	if args != "" {
		engine += ", " + args
	}
	return stmt[:m[0]] + engine + ")" + stmt[m[1]:], nil
}

// quote writes a string literal; callers pass only identifiers and fixed text.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "\\'") + "'" }

// shardMutation rewrites ALTER TABLE t DELETE/UPDATE on a Distributed table, which
// ClickHouse does not take, to the same mutation on t_local, to be run on every shard.
func (c *cluster) shardMutation(query string) (string, bool) {
	m := mutationRE.FindStringSubmatch(query)
	if m == nil || !c.sharded[m[2]] {
		return "", false
	}
	return m[1] + m[2] + "_local" + m[3], true
}

// connectNode opens a connection to one node, as the same user and database.
func (s *server) connectNode(ctx context.Context, n clusterNode) (*server, error) {
	o := *s.opts
	o.Addr = []string{n.addr()}
	return connect(ctx, &o, s.db)
}

// execOnNodes runs a statement on one replica of every shard (a replicated table passes the
// mutation on to the shard's other replicas itself).
func (s *server) execOnNodes(ctx context.Context, query string, params Params) error {
	done := map[int]bool{}
	var errs []error
	for _, n := range s.cluster.nodes {
		if done[n.shard] {
			continue
		}
		node, err := s.connectNode(ctx, n)
		if err == nil {
			err = node.Exec(ctx, query, params)
			node.Close()
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("shard %d replica %d (%s): %w", n.shard, n.replica, n.addr(), err))
			continue
		}
		done[n.shard] = true
	}
	for _, n := range s.cluster.nodes {
		if !done[n.shard] {
			return errors.Join(errs...)
		}
	}
	return nil
}

// migrateCluster applies pending migrations on every node of the cluster, then on the node
// this connection reached (already done when it is one of them). A node that cannot be
// reached is an error only while this node lacks migrations: once the schema is complete
// here, a replica that is down for maintenance does not stop ingests and reports.
func (s *server) migrateCluster(ctx context.Context) error {
	pending, err := pendingMigrations(ctx, s)
	if err != nil {
		return err
	}
	for _, n := range s.cluster.nodes {
		node, err := s.connectNode(ctx, n)
		if err != nil {
			if !pending {
				continue
			}
			return fmt.Errorf("cluster %s: shard %d replica %d: %w", s.cluster.name, n.shard, n.replica, err)
		}
		err = migrate(ctx, node, s.cluster.statements)
		node.Close()
		if err != nil {
			return fmt.Errorf("cluster %s: shard %d replica %d (%s): %w", s.cluster.name, n.shard, n.replica, n.addr(), err)
		}
	}
	return migrate(ctx, s, s.cluster.statements)
}

// pendingMigrations reports whether e lacks a migration this binary knows; a database
// without schema_migrations lacks them all.
func pendingMigrations(ctx context.Context, e Engine) (bool, error) {
	return checkMigrated(ctx, e) != nil, nil
}
