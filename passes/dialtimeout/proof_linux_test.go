package dialtimeout_test

import (
	"fmt"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blackHole returns a loopback address whose connection attempts hang: a
// socket that listens with a backlog of 0 and never accepts. Once one
// connection fills its accept queue, the kernel drops further SYNs and the
// client retransmits them, as it would for an unreachable peer.
func blackHole(t *testing.T) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = syscall.Close(fd) })
	require.NoError(t, syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	require.NoError(t, syscall.Listen(fd, 0))
	sa, err := syscall.Getsockname(fd)
	require.NoError(t, err)
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
	// Fill the accept queue.
	for range 3 {
		d := net.Dialer{Timeout: 200 * time.Millisecond}
		if c, err := d.Dial("tcp", addr); err == nil {
			t.Cleanup(func() { _ = c.Close() })
		}
	}
	return addr
}

// TestProofDialBlocks shows the bug: net.Dial to a black-holed address is
// still blocked after 2 s, while a Dialer with a 300 ms Timeout (what
// net.DialTimeout uses) returns on time.
func TestProofDialBlocks(t *testing.T) {
	addr := blackHole(t)

	done := make(chan error, 1)
	go func() {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			_ = c.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("net.Dial returned early: %v", err)
	case <-time.After(2 * time.Second):
	}

	start := time.Now()
	_, err := net.DialTimeout("tcp", addr, 300*time.Millisecond)
	took := time.Since(start)
	require.Error(t, err)
	assert.Less(t, took, time.Second)
	t.Logf("net.Dial: still blocked after 2s; net.DialTimeout(300ms): %v after %v", err, took.Round(time.Millisecond))
}

// TestProofClientBlocks shows the HTTP side: against a server that accepts
// and never answers, a Client without Timeout is still waiting after 2 s;
// with Timeout it returns on time.
func TestProofClientBlocks(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer func() { _ = ln.Close() }()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer func() { _ = c.Close() }() // hold the connection, answer nothing
		}
	}()
	url := "http://" + ln.Addr().String() + "/"

	done := make(chan error, 1)
	go func() {
		resp, err := (&http.Client{}).Get(url)
		if err == nil {
			_ = resp.Body.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("client without Timeout returned early: %v", err)
	case <-time.After(2 * time.Second):
	}

	start := time.Now()
	_, err = (&http.Client{Timeout: 300 * time.Millisecond}).Get(url)
	took := time.Since(start)
	require.Error(t, err)
	assert.Less(t, took, time.Second)
	t.Logf("Client{}: still waiting after 2s; Client{Timeout: 300ms}: returned after %v", took.Round(time.Millisecond))
}
