package fixes

import (
	"net"
	"net/http"
)

func dial(addr string) {
	_, _ = net.Dial("tcp", addr) // want `net.Dial has no timeout`
}

func dialer(addr string) {
	d := &net.Dialer{}
	_, _ = d.Dial("tcp", addr) // want `dialer d has neither Timeout nor Deadline`
}

var client = &http.Client{ // want `client client has no Timeout`
	CheckRedirect: nil,
}

func get(url string) {
	_, _ = client.Get(url)
}
