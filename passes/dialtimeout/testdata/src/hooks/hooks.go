// Package hooks holds dial hooks: outside tests a hook that dials its
// caller's address with no timeout is reported.
package hooks

import (
	"net"
	"net/http"
)

// Flagged: a production transport whose dial hook has no timeout.
var Transport = &http.Transport{
	Dial: func(network, addr string) (net.Conn, error) {
		return net.Dial(network, addr) // want `net.Dial has no timeout`
	},
}
