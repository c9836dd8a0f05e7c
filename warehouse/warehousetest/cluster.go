package warehousetest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

// ClusterName is the name test clusters have in their servers' remote_servers.
const ClusterName = "goalpost_test"

// Cluster is a ClickHouse cluster of servers started on loopback ports for one test, each
// with its own data directory, as the shards and replicas of ClusterName.
type Cluster struct {
	Nodes []*Node
	// ZooKeeperPort is the port of the ZooKeeper the replicas share, or 0.
	ZooKeeperPort int
	mu            sync.Mutex
	dbs           int
}

// Node is one server of a test cluster.
type Node struct {
	Shard, Replica int
	Port           int
	bin, dir       string
	cmd            *exec.Cmd
	exited         chan struct{}
}

// NewCluster starts shards × replicas ClickHouse servers as one cluster and stops them when
// the test ends. With more than one replica it also starts a ZooKeeper for them, which needs
// Debian's zookeeper package. It skips (or fails under CI=true) when a server is missing.
func NewCluster(t *testing.T, shards, replicas int) *Cluster {
	t.Helper()
	bin := ServerBinary()
	if bin == "" {
		missing(t, "clickhouse-server", "apt-get install clickhouse-server (Debian), or put clickhouse-server on PATH")
	}
	c := &Cluster{}
	if replicas > 1 {
		c.ZooKeeperPort = startZooKeeper(t)
	}
	type ports struct{ tcp, http, interserver int }
	var all []ports
	for range shards * replicas {
		var p ports
		var err error
		for _, f := range []*int{&p.tcp, &p.http, &p.interserver} {
			if *f, err = FreePort(); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, p)
	}
	var remote strings.Builder
	fmt.Fprintf(&remote, "<remote_servers><%s>\n", ClusterName)
	for s := range shards {
		fmt.Fprintf(&remote, "  <shard><internal_replication>%v</internal_replication>", replicas > 1)
		for r := range replicas {
			fmt.Fprintf(&remote, "<replica><host>127.0.0.1</host><port>%d</port></replica>", all[s*replicas+r].tcp)
		}
		remote.WriteString("</shard>\n")
	}
	fmt.Fprintf(&remote, "</%s></remote_servers>\n", ClusterName)
	for s := range shards {
		for r := range replicas {
			p := all[s*replicas+r]
			dir := t.TempDir()
			extra := remote.String() + fmt.Sprintf("<macros><shard>%02d</shard><replica>r%d</replica></macros>\n", s+1, r+1)
			if c.ZooKeeperPort != 0 {
				extra += fmt.Sprintf("<zookeeper><node><host>127.0.0.1</host><port>%d</port></node><session_timeout_ms>10000</session_timeout_ms></zookeeper>\n", c.ZooKeeperPort)
				extra += fmt.Sprintf("<interserver_http_port>%d</interserver_http_port><interserver_http_host>127.0.0.1</interserver_http_host>\n", p.interserver)
			}
			if err := writeServerConfig(dir, p.tcp, p.http, 100, extra); err != nil {
				t.Fatal(err)
			}
			c.Nodes = append(c.Nodes, &Node{Shard: s + 1, Replica: r + 1, Port: p.tcp, bin: bin, dir: dir})
		}
	}
	t.Cleanup(func() {
		for _, n := range c.Nodes {
			n.Stop()
		}
	})
	var wg sync.WaitGroup
	errs := make([]error, len(c.Nodes))
	for i, n := range c.Nodes {
		wg.Go(func() { errs[i] = n.Start() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// Location returns a fresh database on the cluster as --warehouse takes it: the first
// node's address with ?cluster=ClusterName. Open creates the database on every node.
func (c *Cluster) Location(t testing.TB) string {
	c.mu.Lock()
	c.dbs++
	n := c.dbs
	c.mu.Unlock()
	return c.Nodes[0].DSN(fmt.Sprintf("cluster_%d_%d", os.Getpid(), n)) + "?cluster=" + ClusterName
}

// Database returns the database a server location names.
func Database(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return ""
	}
	return strings.Trim(u.Path, "/")
}

// DSN is the node's own address for database db, without the cluster.
func (n *Node) DSN(db string) string {
	return fmt.Sprintf("clickhouse://default@127.0.0.1:%d/%s", n.Port, db)
}

// Start starts the node's server and waits until it answers.
func (n *Node) Start() error {
	log, err := os.OpenFile(filepath.Join(n.dir, "stdout.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	n.cmd = exec.Command(n.bin, "--config-file="+filepath.Join(n.dir, "config.xml"))
	n.cmd.Dir = n.dir
	n.cmd.Stdout, n.cmd.Stderr = log, log
	if err := n.cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("%s: %w", n.bin, err)
	}
	n.exited = make(chan struct{})
	go func() { n.cmd.Wait(); log.Close(); close(n.exited) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-n.exited:
			return fmt.Errorf("shard %d replica %d exited at start; its error log:\n%s", n.Shard, n.Replica, n.errorLog())
		default:
		}
		e, err := warehouse.Open(context.Background(), n.DSN("default"), warehouse.Options{})
		if err == nil {
			e.Close()
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("shard %d replica %d on port %d did not answer within 60s; its error log:\n%s", n.Shard, n.Replica, n.Port, n.errorLog())
}

// Stop kills the node's server, as a crash or a pulled plug would, and waits for it to exit.
func (n *Node) Stop() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	select {
	case <-n.exited:
		return
	default:
	}
	n.cmd.Process.Kill()
	<-n.exited
}

func (n *Node) errorLog() string {
	out, _ := os.ReadFile(filepath.Join(n.dir, "server.err.log"))
	return tail(string(out), 2000)
}

// startZooKeeper runs a standalone ZooKeeper from Debian's zookeeper package on a free
// loopback port until the test ends, and returns the port.
func startZooKeeper(t *testing.T) int {
	t.Helper()
	java, err := exec.LookPath("java")
	jar := "/usr/share/java/zookeeper.jar"
	if _, statErr := os.Stat(jar); err != nil || statErr != nil {
		missing(t, "ZooKeeper", "apt-get install zookeeper (Debian)")
	}
	port, err := FreePort()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := fmt.Sprintf("tickTime=500\ndataDir=%s\nclientPort=%d\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\nmaxSessionTimeout=20000\n", filepath.Join(dir, "data"), port)
	if err := os.WriteFile(filepath.Join(dir, "zoo.cfg"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	log, err := os.Create(filepath.Join(dir, "zookeeper.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(java, "-Xmx256m", "-cp", "/etc/zookeeper/conf:"+jar,
		"-Dzookeeper.log.dir="+dir, "-Dzookeeper.root.logger=WARN,CONSOLE",
		"org.apache.zookeeper.server.quorum.QuorumPeerMain", filepath.Join(dir, "zoo.cfg"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start ZooKeeper: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); log.Close() })
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return port
		}
	}
	out, _ := os.ReadFile(filepath.Join(dir, "zookeeper.log"))
	t.Fatalf("ZooKeeper did not listen on port %d within 30s:\n%s", port, tail(string(out), 2000))
	return 0
}
