// Package fasthttp is a stub of the fasthttp API used by dotimeout's unit
// tests; the real modules are tested under testdata/modules.
package fasthttp

import (
	"net"
	"time"
)

type Request struct{}
type Response struct{}
type Args struct{}

func AcquireRequest() *Request                { return new(Request) }
func AcquireResponse() *Response              { return new(Response) }
func (req *Request) SetRequestURI(string)     {}
func (req *Request) SetTimeout(time.Duration) {}

// FS has CompressRoot, as in v1.39.0 and later.
type FS struct{ CompressRoot string }

// DialFunc dials addr; a client's Dial field replaces its default dialer.
type DialFunc func(addr string) (net.Conn, error)

type RequestCtx struct{}
type RequestHandler func(ctx *RequestCtx)

type Server struct{ Handler RequestHandler }

func (s *Server) ListenAndServe(addr string) error             { return nil }
func (s *Server) Serve(ln net.Listener) error                  { return nil }
func ListenAndServe(addr string, handler RequestHandler) error { return nil }

type Client struct {
	Name            string
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	MaxConnsPerHost int
	Dial            DialFunc
}

func (c *Client) Do(req *Request, resp *Response) error                         { return nil }
func (c *Client) DoTimeout(req *Request, resp *Response, t time.Duration) error { return nil }
func (c *Client) DoDeadline(req *Request, resp *Response, d time.Time) error    { return nil }
func (c *Client) DoRedirects(req *Request, resp *Response, n int) error         { return nil }
func (c *Client) Get(dst []byte, url string) (int, []byte, error)               { return 0, nil, nil }
func (c *Client) GetTimeout(dst []byte, url string, t time.Duration) (int, []byte, error) {
	return 0, nil, nil
}
func (c *Client) GetDeadline(dst []byte, url string, d time.Time) (int, []byte, error) {
	return 0, nil, nil
}
func (c *Client) Post(dst []byte, url string, a *Args) (int, []byte, error) { return 0, nil, nil }

// HostClient has no Dial here: zero.go writes a positional literal of
// its three fields. The real modules test HostClient.Dial.
type HostClient struct {
	Addr        string
	ReadTimeout time.Duration
	MaxConns    int
}

func (c *HostClient) Do(req *Request, resp *Response) error                         { return nil }
func (c *HostClient) DoDeadline(req *Request, resp *Response, d time.Time) error    { return nil }
func (c *HostClient) DoTimeout(req *Request, resp *Response, t time.Duration) error { return nil }
func (c *HostClient) GetTimeout(dst []byte, url string, t time.Duration) (int, []byte, error) {
	return 0, nil, nil
}

type PipelineClient struct {
	Addr               string
	ReadTimeout        time.Duration
	MaxPendingRequests int
	Dial               DialFunc
}

func (c *PipelineClient) Do(req *Request, resp *Response) error                         { return nil }
func (c *PipelineClient) DoTimeout(req *Request, resp *Response, t time.Duration) error { return nil }

type BalancingClient interface {
	DoDeadline(req *Request, resp *Response, deadline time.Time) error
}

type LBClient struct {
	Clients []BalancingClient
	Timeout time.Duration
}

func (c *LBClient) Do(req *Request, resp *Response) error                         { return nil }
func (c *LBClient) DoTimeout(req *Request, resp *Response, t time.Duration) error { return nil }

func Do(req *Request, resp *Response) error                         { return nil }
func DoTimeout(req *Request, resp *Response, t time.Duration) error { return nil }
func Get(dst []byte, url string) (int, []byte, error)               { return 0, nil, nil }
func GetTimeout(dst []byte, url string, t time.Duration) (int, []byte, error) {
	return 0, nil, nil
}
