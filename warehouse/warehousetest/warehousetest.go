// Package warehousetest runs tests against the two real engines: the embedded engine in a
// temporary directory, and a ClickHouse server that the tests start themselves on a free
// loopback port with a temporary data directory. There are no mocks.
//
// Where an engine is missing the tests skip with a message saying how to install it; with
// CI=true a missing engine fails the run instead, so CI never passes by skipping.
package warehousetest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

// Target is one engine to run a test against.
type Target struct {
	Name string // "embedded" or "server"
	// Location is what --warehouse takes for it: a directory or a DSN.
	Location string
}

// Each runs f once per engine, as a subtest named after the engine, with a fresh warehouse.
func Each(t *testing.T, f func(t *testing.T, e warehouse.Engine)) {
	t.Helper()
	for _, name := range []string{"embedded", "server"} {
		t.Run(name, func(t *testing.T) {
			target := NewTarget(t, name)
			e, err := warehouse.Open(context.Background(), target.Location, warehouse.Options{Holder: "go test"})
			if err != nil {
				t.Fatalf("open %s warehouse: %v", name, err)
			}
			t.Cleanup(func() { e.Close() })
			f(t, e)
		})
	}
}

// NewTarget returns a fresh, empty warehouse location on the named engine.
func NewTarget(t *testing.T, name string) Target {
	t.Helper()
	switch name {
	case "embedded":
		RequireEmbedded(t)
		return Target{Name: name, Location: filepath.Join(t.TempDir(), "warehouse")}
	case "server":
		srv := sharedServer(t)
		return Target{Name: name, Location: srv.freshDatabase(t)}
	}
	t.Fatalf("unknown engine %q", name)
	return Target{}
}

// NewSerialServerTarget returns a fresh warehouse location on a ClickHouse server of the
// test's own that runs one query at a time and queues the others. It is for tests of many
// goalpost processes at once: Debian's 18.16 server crashes under concurrent queries that
// read tables through IN or JOIN subqueries (see docs/reliability.md, "ClickHouse 18.16 and
// concurrent reports"), and queueing is the configuration that document gives for it.
func NewSerialServerTarget(t *testing.T) Target {
	t.Helper()
	bin := ServerBinary()
	if bin == "" {
		missing(t, "clickhouse-server", "apt-get install clickhouse-server (Debian), or put clickhouse-server on PATH")
	}
	srv := startServer(bin, 1)
	t.Cleanup(srv.stop)
	if srv.err != nil {
		t.Fatalf("start ClickHouse server: %v", srv.err)
	}
	return Target{Name: "server", Location: srv.freshDatabase(t)}
}

// AsUser returns a server target's location for another user of the test server, e.g.
// "analyst", the read-only user.
func AsUser(location, user string) string {
	return strings.Replace(location, "://default@", "://"+user+"@", 1)
}

// Engines lists the engine names Each runs.
func Engines() []string { return []string{"embedded", "server"} }

// missing skips, or fails under CI, when an engine is not installed.
func missing(t testing.TB, what, how string) {
	t.Helper()
	msg := fmt.Sprintf("%s is not installed: %s", what, how)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: a missing engine fails the run)")
	}
	t.Skip(msg)
}

// RequireEmbedded skips (or fails under CI) when the embedded engine library is missing.
func RequireEmbedded(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(warehouse.ChDBLibraryPath("")); err != nil {
		missing(t, "the embedded engine (libchdb.so)", "run `"+warehouse.InstallHint+"` from the repository root")
	}
}

// server is a private ClickHouse server for this test binary.
type server struct {
	port int
	dir  string
	cmd  *exec.Cmd
	mu   sync.Mutex
	dbs  int
	err  error
}

var (
	shared     *server
	sharedOnce sync.Once
)

func sharedServer(t testing.TB) *server {
	t.Helper()
	bin := ServerBinary()
	if bin == "" {
		missing(t, "clickhouse-server", "apt-get install clickhouse-server (Debian), or put clickhouse-server on PATH")
	}
	sharedOnce.Do(func() { shared = startServer(bin, 100) })
	if shared.err != nil {
		t.Fatalf("start ClickHouse server: %v", shared.err)
	}
	return shared
}

// ServerBinary finds clickhouse-server, or returns "".
func ServerBinary() string {
	if p, err := exec.LookPath("clickhouse-server"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// Stop stops the shared server, if one was started. Call it from TestMain after m.Run.
func Stop() {
	if shared != nil {
		shared.stop()
	}
}

// stop kills the server and removes its data.
func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// Main runs a package's tests and then stops the shared server.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// FreePort asks the kernel for a free loopback TCP port.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer starts a server that runs up to maxQueries queries at once and queues the
// others.
func startServer(bin string, maxQueries int) *server {
	s := &server{}
	dir, err := os.MkdirTemp("", "goalpost-clickhouse-")
	if err != nil {
		s.err = err
		return s
	}
	s.dir = dir
	tcp, err1 := FreePort()
	httpPort, err2 := FreePort()
	if err1 != nil || err2 != nil {
		s.err = fmt.Errorf("no free port: %v %v", err1, err2)
		return s
	}
	s.port = tcp
	if err := writeServerConfig(dir, tcp, httpPort, maxQueries, ""); err != nil {
		s.err = err
		return s
	}
	log, _ := os.Create(filepath.Join(dir, "stdout.log"))
	s.cmd = exec.Command(bin, "--config-file="+filepath.Join(dir, "config.xml"))
	s.cmd.Dir = dir
	s.cmd.Stdout, s.cmd.Stderr = log, log
	if err := s.cmd.Start(); err != nil {
		s.err = fmt.Errorf("%s: %w", bin, err)
		return s
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		e, err := warehouse.Open(context.Background(), s.dsn("default"), warehouse.Options{})
		if err == nil {
			e.Close()
			return s
		}
		time.Sleep(200 * time.Millisecond)
	}
	out, _ := os.ReadFile(filepath.Join(dir, "server.err.log"))
	s.err = fmt.Errorf("server on port %d did not answer within 60s; its error log:\n%s", tcp, tail(string(out), 2000))
	return s
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func (s *server) dsn(db string) string {
	return fmt.Sprintf("clickhouse://default@127.0.0.1:%d/%s", s.port, db)
}

// freshDatabase names a database nobody has used: Open creates it.
func (s *server) freshDatabase(t testing.TB) string {
	s.mu.Lock()
	s.dbs++
	n := s.dbs
	s.mu.Unlock()
	return s.dsn(fmt.Sprintf("test_%d_%d", os.Getpid(), n))
}

// WriteServerConfig writes a minimal ClickHouse server configuration into dir: loopback only,
// the given ports, data under dir, UTC, a password-less default user that only loopback may
// use, and a read-only user "analyst" (profile goalpost_analyst, as in the README).
func WriteServerConfig(dir string, tcpPort, httpPort int) error {
	return writeServerConfig(dir, tcpPort, httpPort, 100, "")
}

// writeServerConfig writes WriteServerConfig's files with max_concurrent_queries maxQueries
// and extra (XML elements) added to config.xml. A query past maxQueries waits for up to a
// minute (queue_max_wait_ms) instead of the server's 5 s before it is refused.
func writeServerConfig(dir string, tcpPort, httpPort, maxQueries int, extra string) error {
	config := strings.NewReplacer("DIR", dir, "TCP", fmt.Sprint(tcpPort), "HTTP", fmt.Sprint(httpPort), "MAXQUERIES", fmt.Sprint(maxQueries), "EXTRA", extra).Replace(`<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>DIR/server.log</log><errorlog>DIR/server.err.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>TCP</tcp_port>
  <http_port>HTTP</http_port>
  <path>DIR/data/</path>
  <tmp_path>DIR/tmp/</tmp_path>
  <user_files_path>DIR/user_files/</user_files_path>
  <format_schema_path>DIR/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>MAXQUERIES</max_concurrent_queries>
EXTRA
</yandex>
`)
	users := `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><max_memory_usage>4000000000</max_memory_usage><queue_max_wait_ms>60000</queue_max_wait_ms></default>
    <readonly><readonly>1</readonly></readonly>
    <!-- An analyst's profile as the README describes it, without limits of its own, so that
         tests see Goalpost's limits enforced although the server ignores per-query settings. -->
    <goalpost_analyst><readonly>1</readonly></goalpost_analyst>
    <!-- The README's profile, word for word, to check that 18.16 takes it. -->
    <goalpost_analyst_readme>
      <readonly>1</readonly>
      <max_execution_time>60</max_execution_time>
      <max_result_rows>100000</max_result_rows>
      <result_overflow_mode>throw</result_overflow_mode>
      <max_memory_usage>2000000000</max_memory_usage>
      <max_concurrent_queries_for_user>4</max_concurrent_queries_for_user>
    </goalpost_analyst_readme>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
    <analyst>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>goalpost_analyst</profile>
      <quota>default</quota>
    </analyst>
    <analyst_readme>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>goalpost_analyst_readme</profile>
      <quota>default</quota>
    </analyst_readme>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`
	if err := os.WriteFile(filepath.Join(dir, "config.xml"), []byte(config), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "users.xml"), []byte(users), 0o644)
}
