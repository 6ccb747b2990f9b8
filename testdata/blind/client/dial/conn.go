// Package dial holds the connection set-up code of several clients: a
// cache client, a syslog forwarder, a certificate checker, sidecar
// clients and small HTTP API SDKs.
package dial

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strconv"
	"time"
)

// CacheConn is a connection to a memcached-style server.
type CacheConn struct {
	conn net.Conn
	r    *bufio.Reader
}

// ---------------------------------------------------------------------------
// SHAPE: cache client constructor net.Dial("tcp", addr) to a configured remote server
func NewCacheConn(addr string) (*CacheConn, error) {
	c, err := net.Dial("tcp", addr) // BUG: dialtimeout
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return &CacheConn{conn: c, r: bufio.NewReader(c)}, nil
}

// ---------------------------------------------------------------------------
// SHAPE: certificate-expiry checker, tls.Dial to host:443
func CertExpiry(host string) (time.Time, error) {
	conn, err := tls.Dial("tcp", net.JoinHostPort(host, "443"), &tls.Config{ServerName: host}) // BUG: dialtimeout
	if err != nil {
		return time.Time{}, err
	}
	defer conn.Close()
	certs := conn.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return time.Time{}, fmt.Errorf("%s: no certificate", host)
	}
	return certs[0].NotAfter, nil
}

// SyslogForwarder ships log lines to a remote collector.
type SyslogForwarder struct {
	addr string
	conn net.Conn
}

// ---------------------------------------------------------------------------
// SHAPE: net.Dialer literal with KeepAlive but no Timeout, then d.Dial
func (f *SyslogForwarder) connect() error {
	d := &net.Dialer{KeepAlive: 30 * time.Second} // BUG: dialtimeout
	conn, err := d.Dial("tcp", f.addr)
	if err != nil {
		return err
	}
	f.conn = conn
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: net.Dialer.DialContext with context.Background(), which carries no deadline
func ProbeTCP(host string, port int) error {
	var d net.Dialer
	conn, err := d.DialContext(context.Background(), "tcp", net.JoinHostPort(host, strconv.Itoa(port))) // BUG: dialtimeout
	if err != nil {
		return err
	}
	return conn.Close()
}

// ---------------------------------------------------------------------------
// SHAPE: tls.DialWithDialer given a zero net.Dialer
func DialBroker(addr string, cfg *tls.Config) (*tls.Conn, error) {
	return tls.DialWithDialer(&net.Dialer{}, "tcp", addr, cfg) // BUG: dialtimeout
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout unix socket to the local docker daemon
func DockerPing() error {
	conn, err := net.Dial("unix", "/var/run/docker.sock") // NAIVE: dialtimeout
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("GET /_ping HTTP/1.0\r\n\r\n"))
	return err
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout DialContext with the ctx handed in by the caller
func (f *SyslogForwarder) connectCtx(ctx context.Context) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", f.addr) // NAIVE: dialtimeout
	if err != nil {
		return err
	}
	f.conn = conn
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout loopback sidecar on 127.0.0.1
func DialSidecar(port int) (net.Conn, error) {
	return net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port)) // NAIVE: dialtimeout
}
