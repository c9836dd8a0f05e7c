package warehouse

import (
	"strings"
	"testing"
)

func TestClusterStatements(t *testing.T) {
	c := &cluster{name: "goalpost", db: "wh", sharded: map[string]bool{"posts_store": true}}
	r := &cluster{name: "goalpost", db: "wh", replicated: true, sharded: c.sharded}
	tests := []struct {
		name string
		c    *cluster
		in   string
		want []string
		err  string
	}{
		{"sharded table", c,
			"-- posts\nCREATE TABLE IF NOT EXISTS posts_store (\n    org String,\n    id String\n) ENGINE = MergeTree() ORDER BY (org, id)",
			[]string{
				"-- posts\nCREATE TABLE IF NOT EXISTS posts_store_local (\n    org String,\n    id String\n) ENGINE = MergeTree() ORDER BY (org, id)",
				"CREATE TABLE IF NOT EXISTS posts_store AS posts_store_local ENGINE = Distributed('goalpost', 'wh', 'posts_store_local', cityHash64(org))",
			}, ""},
		{"replicated table", r,
			"CREATE TABLE IF NOT EXISTS log (\n    org String,\n    version UInt64\n) ENGINE = ReplacingMergeTree(version) ORDER BY org",
			[]string{
				"CREATE TABLE IF NOT EXISTS log_local (\n    org String,\n    version UInt64\n) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/wh/log_local', '{replica}', version) ORDER BY org",
				"CREATE TABLE IF NOT EXISTS log AS log_local ENGINE = Distributed('goalpost', 'wh', 'log_local', cityHash64(org))",
			}, ""},
		{"replicated MergeTree()", r,
			"CREATE TABLE IF NOT EXISTS t (\n    org String\n) ENGINE = MergeTree() ORDER BY org",
			[]string{
				"CREATE TABLE IF NOT EXISTS t_local (\n    org String\n) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/wh/t_local', '{replica}') ORDER BY org",
				"CREATE TABLE IF NOT EXISTS t AS t_local ENGINE = Distributed('goalpost', 'wh', 't_local', cityHash64(org))",
			}, ""},
		{"migrations stay local", c,
			"CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32) ENGINE = MergeTree() ORDER BY version",
			[]string{"CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32) ENGINE = MergeTree() ORDER BY version"}, ""},
		{"no org to shard by", c,
			"CREATE TABLE IF NOT EXISTS t (\n    id String\n) ENGINE = MergeTree() ORDER BY id",
			nil, "0099_t.sql: table t has no org column"},
		{"view subqueries go GLOBAL", c,
			"CREATE VIEW IF NOT EXISTS v AS SELECT * FROM a WHERE (org, v) IN (SELECT org, max(v) FROM a GROUP BY org) AND x NOT IN ( select 1) AND y GLOBAL IN (SELECT 2) AND z IN ('a', 'b')",
			[]string{"CREATE VIEW IF NOT EXISTS v AS SELECT * FROM a WHERE (org, v) GLOBAL IN (SELECT org, max(v) FROM a GROUP BY org) AND x GLOBAL NOT IN ( select 1) AND y GLOBAL IN (SELECT 2) AND z IN ('a', 'b')"}, ""},
		{"alter both tables", c,
			"ALTER TABLE posts_store ADD COLUMN IF NOT EXISTS lang String",
			[]string{"ALTER TABLE posts_store_local ADD COLUMN IF NOT EXISTS lang String", "ALTER TABLE posts_store ADD COLUMN IF NOT EXISTS lang String"}, ""},
		{"other statements unchanged", c, "DROP TABLE IF EXISTS signups", []string{"DROP TABLE IF EXISTS signups"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.statements("0099_t.sql", tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n;\n") != strings.Join(tt.want, "\n;\n") {
				t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", tt.in, strings.Join(got, "\n;\n"), strings.Join(tt.want, "\n;\n"))
			}
		})
	}
}

func TestClusterShardMutation(t *testing.T) {
	c := &cluster{sharded: map[string]bool{"posts_store": true}}
	tests := []struct{ in, want string }{
		{"-- Removes a file's rows.\nALTER TABLE posts_store DELETE WHERE org = {org:String}", "-- Removes a file's rows.\nALTER TABLE posts_store_local DELETE WHERE org = {org:String}"},
		{"ALTER TABLE posts_store UPDATE x = 1 WHERE 1", "ALTER TABLE posts_store_local UPDATE x = 1 WHERE 1"},
		{"ALTER TABLE other DELETE WHERE 1", ""},
		{"ALTER TABLE posts_store ADD COLUMN x String", ""},
		{"SELECT 1", ""},
	}
	for _, tt := range tests {
		got, ok := c.shardMutation(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("shardMutation(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
