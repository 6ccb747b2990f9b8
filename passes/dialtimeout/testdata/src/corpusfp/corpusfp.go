// Package corpusfp holds minimal reproducers of false positives that the
// corpus run (docs/results.md) found for dialtimeout. Every case here is
// silent.
package corpusfp

import (
	"net"
	"net/http"
)

// Silent: a client whose requests are served by a registered non-network
// protocol makes no connection (net/http filetransport_test.go:39,
// transport_test.go:3069).
func fileClient(dir string) {
	tr := &http.Transport{}
	tr.RegisterProtocol("file", http.NewFileTransport(http.Dir(dir)))
	c := &http.Client{Transport: tr}
	_, _ = c.Get("file:///foo.txt")
}

// Silent: unix networks from a constant list (log/syslog syslog_unix.go:22).
func unixFromList() {
	for _, network := range []string{"unixgram", "unix"} {
		_, _ = net.Dial(network, "/dev/log")
	}
}

// Silent: the same list kept in a local first (log/syslog's shape).
func unixFromLocalList() {
	logTypes := []string{"unixgram", "unix"}
	logPaths := []string{"/dev/log", "/var/run/syslog"}
	for _, network := range logTypes {
		for _, path := range logPaths {
			if c, err := net.Dial(network, path); err == nil {
				c.Close()
				return
			}
		}
	}
}

// Flagged: the local list also holds a network with a handshake.
func mixedLocalList(addr string) {
	networks := []string{"unix", "tcp"}
	for _, network := range networks {
		_, _ = net.Dial(network, addr) // want `net.Dial has no timeout`
	}
}

// Flagged: the local is reassigned, so its values are not the literal's.
func reassignedLocalList(addr string, remote bool) {
	networks := []string{"unix"}
	if remote {
		networks = []string{"tcp"}
	}
	for _, network := range networks {
		_, _ = net.Dial(network, addr) // want `net.Dial has no timeout`
	}
}
