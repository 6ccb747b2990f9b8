package factlib

import (
	"time"

	"github.com/valyala/fasthttp"
)

// Client has no ReadTimeout.
var Client = &fasthttp.Client{}

// Bounded has one.
var Bounded = &fasthttp.Client{ReadTimeout: time.Second}

// New returns an unbounded client.
func New() *fasthttp.Client { return &fasthttp.Client{} }

// NewBounded returns a bounded client.
func NewBounded() (*fasthttp.Client, error) {
	c := &fasthttp.Client{}
	c.ReadTimeout = time.Second
	return c, nil
}

// Wrap returns whatever it is given.
func Wrap(c *fasthttp.Client) *fasthttp.Client { return c }
