// Package datagram holds dials whose network or address says datagram,
// raw IP or Unix socket: there is no handshake with a remote peer to wait
// for, so no timeout is needed.
package datagram

import (
	"crypto/tls"
	"net"
)

// Silent: constant datagram, raw and Unix networks.
func constants(addr string) {
	_, _ = net.Dial("udp", addr)
	_, _ = net.Dial("udp6", addr)
	_, _ = net.Dial("ip4:icmp", addr)
	_, _ = net.Dial("unixgram", "/run/app.sock")
	var d net.Dialer
	_, _ = d.Dial("unixpacket", "/run/app.sock")
}

// Silent: a local network whose every value is a datagram network.
func localNetwork(addr string, v6 bool) {
	network := "udp4"
	if v6 {
		network = "udp6"
	}
	_, _ = net.Dial(network, addr)
}

// Silent: the network of a UDP, IP or Unix address.
func addrNetwork(u *net.UDPAddr, ip *net.IPAddr, x *net.UnixAddr) {
	_, _ = net.Dial(u.Network(), u.String())
	_, _ = net.Dial(ip.Network(), ip.String())
	_, _ = net.Dial(x.Network(), x.String())
}

// Silent: a resolved UDP address dialed on a network from elsewhere.
func resolved(network, host string) error {
	raddr, err := net.ResolveUDPAddr("udp", host)
	if err != nil {
		return err
	}
	conn, err := net.Dial(network, raddr.String())
	if err != nil {
		return err
	}
	return conn.Close()
}

// Silent: a Unix socket path or an IP without a port cannot be dialed
// over TCP: the dial fails at once.
func noTCP(x *net.UnixAddr, ip net.IPAddr) {
	_, _ = net.Dial("tcp", x.String())
	_, _ = net.Dial("tcp", ip.String())
}

// Flagged: a UDP address's host:port dialed over TCP.
func tcpToUDPAddr(u *net.UDPAddr) {
	_, _ = net.Dial("tcp", u.String()) // want `net.Dial has no timeout`
}

// Flagged: a local network that may be tcp.
func mixedNetwork(addr string, stream bool) {
	network := "udp"
	if stream {
		network = "tcp"
	}
	_, _ = net.Dial(network, addr) // want `net.Dial has no timeout`
}

// Flagged: the network of an address of unknown kind.
func anyAddr(a net.Addr) {
	_, _ = net.Dial(a.Network(), a.String()) // want `net.Dial has no timeout`
}

// Flagged: a network from the caller.
func fromCaller(network, addr string) {
	_, _ = tls.Dial(network, addr, nil) // want `tls.Dial has no timeout`
}
