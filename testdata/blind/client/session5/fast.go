package session5

import (
	"log"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

// ---------------------------------------------------------------------------
// SHAPE: fasthttp.Client built by newPricing with WriteTimeout and pool limits but no ReadTimeout, kept in a struct field; quote calls Do with no deadline on the request
type pricing struct {
	c    *fasthttp.Client
	base string
}

func newPricing(base string) *pricing {
	return &pricing{
		c: &fasthttp.Client{ // BUG: dotimeout
			Name:                "pricing",
			MaxConnsPerHost:     64,
			WriteTimeout:        5 * time.Second,
			MaxIdleConnDuration: time.Minute,
		},
		base: base,
	}
}

func (p *pricing) quote(sku string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(p.base + "/quote/" + sku)
	if err := p.c.Do(req, resp); err != nil {
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

// ---------------------------------------------------------------------------
// SHAPE: package-level fasthttp.Client without ReadTimeout; PollAll's goroutines call its GetTimeout, whose background request keeps the connection after the timeout
var pollClient = &fasthttp.Client{Name: "poller", MaxConnsPerHost: 8} // BUG: dotimeout

func PollAll(urls []string, sink func(url string, body []byte)) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			status, body, err := pollClient.GetTimeout(nil, u, 2*time.Second)
			if err != nil || status != fasthttp.StatusOK {
				log.Printf("poll %s: %d %v", u, status, err)
				return
			}
			sink(u, body)
		})
	}
	wg.Wait()
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout client without ReadTimeout from newInventory, but lookup uses DoTimeout, which on fasthttp v1.70.0 sets connection deadlines and closes the connection on timeout
type inventory struct {
	c    *fasthttp.Client
	base string
}

func newInventory(base string) *inventory {
	return &inventory{c: &fasthttp.Client{Name: "inventory", MaxConnsPerHost: 32}, base: base}
}

func (inv *inventory) lookup(sku string) (int, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(inv.base + "/stock/" + sku)
	if err := inv.c.DoTimeout(req, resp, 3*time.Second); err != nil { // NAIVE: dotimeout
		return 0, err
	}
	return fasthttp.ParseUint(resp.Body())
}

// ---------------------------------------------------------------------------
// CLEAN: dotimeout client literal without ReadTimeout in newSearch; tune (another function) assigns ReadTimeout and WriteTimeout before any request
type search struct {
	c    *fasthttp.Client
	base string
}

func tune(c *fasthttp.Client, slow bool) {
	c.ReadTimeout = 2 * time.Second
	if slow {
		c.ReadTimeout = 10 * time.Second
	}
	c.WriteTimeout = 2 * time.Second
}

func newSearch(base string, slow bool) *search {
	c := &fasthttp.Client{Name: "search", MaxConnsPerHost: 16} // NAIVE: dotimeout
	tune(c, slow)
	return &search{c: c, base: base}
}

func (s *search) query(q string) ([]byte, error) {
	req := fasthttp.AcquireRequest()
	resp := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(s.base + "/search")
	req.URI().QueryArgs().Add("q", q)
	if err := s.c.Do(req, resp); err != nil {
		return nil, err
	}
	return append([]byte(nil), resp.Body()...), nil
}

var (
	_ = newPricing
	_ = (*pricing).quote
	_ = newInventory
	_ = (*inventory).lookup
	_ = newSearch
	_ = (*search).query
)
