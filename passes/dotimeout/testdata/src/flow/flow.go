package flow

import (
	"time"

	"github.com/valyala/fasthttp"
)

// A package variable configured in another function.
var configured = &fasthttp.Client{}

func init() { configured.ReadTimeout = 10 * time.Second }

func usesConfigured(url string) {
	configured.GetTimeout(nil, url, time.Second)
}

// A package variable nobody configures.
var shared fasthttp.Client

func usesShared(url string) {
	shared.GetTimeout(nil, url, time.Second) // want `client shared has no ReadTimeout: GetTimeout`
}

// A struct field set by a constructor.
type api struct {
	client *fasthttp.HostClient
}

func newAPI() *api {
	return &api{client: &fasthttp.HostClient{Addr: "api:443"}} // want `client a.client has no ReadTimeout: GetTimeout`
}

func (a *api) fetch(url string) {
	a.client.GetTimeout(nil, url, time.Second)
}

// A struct field configured after construction in another method.
type tuned struct {
	client *fasthttp.Client
}

func newTuned() *tuned {
	t := &tuned{client: &fasthttp.Client{}}
	t.configure()
	return t
}

func (t *tuned) configure() { t.client.ReadTimeout = time.Second }

func (t *tuned) fetch(url string) {
	t.client.GetTimeout(nil, url, time.Second)
}

// A constructor function.
func newClient() *fasthttp.Client {
	return &fasthttp.Client{MaxConnsPerHost: 64} // want `client newClient\(\) has no ReadTimeout: GetTimeout .*pool \(64 per host\)`
}

func usesConstructor(url string) {
	newClient().GetTimeout(nil, url, time.Second)
	c := newClient()
	c.GetTimeout(nil, url, time.Second)
}

// A constructor that configures.
func newBoundedClient() *fasthttp.Client {
	c := &fasthttp.Client{}
	c.ReadTimeout = 2 * time.Second
	return c
}

func usesBoundedConstructor(url string) {
	newBoundedClient().GetTimeout(nil, url, time.Second)
}

// A helper that sets ReadTimeout on its parameter.
func withTimeout(c *fasthttp.Client) *fasthttp.Client {
	c.ReadTimeout = time.Second
	return c
}

func usesHelper(url string) {
	c := &fasthttp.Client{}
	withTimeout(c)
	c.GetTimeout(nil, url, time.Second)
}

// A client handed to code we cannot see may be configured there.
func escapes(url string, configure func(*fasthttp.Client)) {
	c := &fasthttp.Client{}
	configure(c)
	c.GetTimeout(nil, url, time.Second)
}

// A client stored in a map is out of sight.
func stored(url string, m map[string]*fasthttp.Client) {
	c := &fasthttp.Client{}
	m["c"] = c
	c.GetTimeout(nil, url, time.Second)
}

// One of two origins has ReadTimeout: the value may be bounded.
func eitherOr(url string, fast bool) {
	c := &fasthttp.Client{}
	if fast {
		c = &fasthttp.Client{ReadTimeout: time.Second}
	}
	c.GetTimeout(nil, url, time.Second)
}

// A client made by a closure we cannot follow.
func fromClosure(url string) {
	mk := func() *fasthttp.Client { return &fasthttp.Client{} }
	mk().GetTimeout(nil, url, time.Second)
}

// Clients ranged over from a slice are out of sight.
func ranged(url string, cs []*fasthttp.Client) {
	for _, c := range cs {
		c.GetTimeout(nil, url, time.Second)
	}
}
