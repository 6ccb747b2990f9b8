// Package fastold holds fasthttp clients pinned to fasthttp v1.38.0, where
// DoTimeout leaves the request running in the background after it times
// out unless the client itself has a ReadTimeout.
package fastold

import (
	"fmt"
	"time"

	"github.com/valyala/fasthttp"
)

// Notifier posts notifications.
type Notifier struct {
	c   *fasthttp.Client
	url string
}

func NewNotifier(url string) *Notifier {
	return &Notifier{c: &fasthttp.Client{Name: "notifier", MaxConnsPerHost: 128}, url: url}
}

// ---------------------------------------------------------------------------
// SHAPE: old fasthttp, Client.DoTimeout on a client without ReadTimeout (struct field)
func (n *Notifier) Send(msg []byte) error {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(n.url)
	req.Header.SetMethod(fasthttp.MethodPost)
	req.SetBody(msg)
	if err := n.c.DoTimeout(req, resp, time.Second); err != nil { // BUG: dotimeout
		return err
	}
	if resp.StatusCode() != fasthttp.StatusOK {
		return fmt.Errorf("notify: %d", resp.StatusCode())
	}
	return nil
}

// ---------------------------------------------------------------------------
// SHAPE: old fasthttp, package-level fasthttp.DoTimeout (default client has no ReadTimeout)
func Resolve(url string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	if err := fasthttp.DoTimeout(req, resp, 500*time.Millisecond); err != nil { // BUG: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

var boundedClient = &fasthttp.Client{
	Name:        "bounded",
	ReadTimeout: 3 * time.Second,
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout old fasthttp DoTimeout, but the client has ReadTimeout so the background request is bounded
func Price(url string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	if err := boundedClient.DoTimeout(req, resp, time.Second); err != nil { // NAIVE: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

var legacyClient = &fasthttp.Client{Name: "legacy"}

// ---------------------------------------------------------------------------
// SHAPE: old fasthttp, plain Client.Do without ReadTimeout
func Legacy(url string) (int, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(url)
	err := legacyClient.Do(req, resp) // BUG: dotimeout
	return resp.StatusCode(), err
}

var shardHost = &fasthttp.HostClient{Addr: "shard-1.internal:8080", MaxConns: 16}

// ---------------------------------------------------------------------------
// SHAPE: old fasthttp, HostClient.DoTimeout without ReadTimeout
func ShardGet(key string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI("http://shard-1.internal:8080/kv/" + key)
	if err := shardHost.DoTimeout(req, resp, 750*time.Millisecond); err != nil { // BUG: dotimeout
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}
