package precision3

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"blind/client/precision3/internal/drain"
)

// Target is an endpoint the checker probes.
type Target struct {
	Name   string
	URL    string
	Method string // "GET" (default) or "HEAD"
	Expect int    // expected status, 200 if zero
}

// Checker probes HTTP targets on a schedule.
type Checker struct {
	client *http.Client
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool the transport is built once in NewChecker and reused by every probe; its idle conns expire after 30s
func NewChecker() *Checker {
	tr := &http.Transport{ // NAIVE: unboundedpool
		DialContext:           (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: 3 * time.Second,
	}
	return &Checker{client: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain HEAD chosen by the target's Method option; the HEAD branch closes (no body), GET probes are drained
func (c *Checker) Probe(ctx context.Context, t Target) error {
	method := http.MethodGet
	if strings.EqualFold(t.Method, http.MethodHead) {
		method = http.MethodHead
	}
	req, err := http.NewRequestWithContext(ctx, method, t.URL, nil)
	if err != nil {
		return err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Name, err)
	}
	if method == http.MethodHead {
		resp.Body.Close() // NAIVE: bodydrain
	} else {
		drain.Close(resp)
	}
	want := t.Expect
	if want == 0 {
		want = http.StatusOK
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s: got %d, want %d", t.Name, resp.StatusCode, want)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain readiness endpoint answers 204 when ready; that branch closes, any other answer is read to EOF for the log
func (c *Checker) Ready(ctx context.Context, base string) (bool, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
	if err != nil {
		return false, "", err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return false, "", err
	}
	if resp.StatusCode == http.StatusNoContent {
		resp.Body.Close() // NAIVE: bodydrain
		return true, "", nil
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return false, strings.TrimSpace(string(b)), err
}

// ---------------------------------------------------------------------------
// SHAPE: insecure one-off probe builds a fresh Transport (and its pool) on every call
func probeInsecure(ctx context.Context, url string) (int, error) {
	client := &http.Client{
		Timeout: 5 * time.Second,
		Transport: &http.Transport{ // BUG: unboundedpool
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
			IdleConnTimeout: 30 * time.Second,
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer drain.Close(resp)
	return resp.StatusCode, nil
}

// ---------------------------------------------------------------------------
// CLEAN: unboundedpool per-call transport with DisableKeepAlives: it keeps no pool, each SNI probe wants a fresh handshake
func probeSNI(ctx context.Context, url, serverName string) (*tls.ConnectionState, error) {
	tr := &http.Transport{ // NAIVE: unboundedpool
		TLSClientConfig:     &tls.Config{ServerName: serverName},
		DisableKeepAlives:   true,
		TLSHandshakeTimeout: 3 * time.Second,
	}
	client := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return resp.TLS, nil
}

// ---------------------------------------------------------------------------
// SHAPE: TCP port probe of a remote host with net.Dial: no connect timeout
func tcpOpen(host string, port int) bool {
	conn, err := net.Dial("tcp", net.JoinHostPort(host, strconv.Itoa(port))) // BUG: dialtimeout
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout the Docker engine is a local unix socket, and the exchange has a deadline
func dockerPing() error {
	conn, err := net.Dial("unix", "/var/run/docker.sock") // NAIVE: dialtimeout
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := io.WriteString(conn, "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.Contains(line, " 200 ") {
		return fmt.Errorf("docker: %s", strings.TrimSpace(line))
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout zero Dialer, but the peer is the redis sidecar on loopback
func redisPing() error {
	var d net.Dialer
	conn, err := d.Dial("tcp", "127.0.0.1:6379") // NAIVE: dialtimeout
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := io.WriteString(conn, "PING\r\n"); err != nil {
		return err
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if reply != "+PONG\r\n" {
		return fmt.Errorf("redis: %q", reply)
	}
	return nil
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout Dialer without Timeout, but DialContext gets the caller's ctx narrowed to a 3s deadline
func (c *Checker) TCPProbe(ctx context.Context, addr string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	d := net.Dialer{KeepAlive: -1}
	start := time.Now()
	conn, err := d.DialContext(ctx, "tcp", addr) // NAIVE: dialtimeout
	if err != nil {
		return 0, err
	}
	conn.Close()
	return time.Since(start), nil
}

// ---------------------------------------------------------------------------
// SHAPE: Dialer configured only with KeepAlive; Dial (no context, no Timeout) to a remote SMTP relay
func smtpBanner(relay string) (string, error) {
	d := &net.Dialer{KeepAlive: 15 * time.Second}
	conn, err := d.Dial("tcp", net.JoinHostPort(relay, "25")) // BUG: dialtimeout
	if err != nil {
		return "", err
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	banner, err := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(banner), err
}
