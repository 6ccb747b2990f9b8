// Package a builds fasthttp clients; package b uses them.
package a

import "github.com/valyala/fasthttp"

// Client has no ReadTimeout.
var Client = &fasthttp.Client{}

// New returns a client without ReadTimeout.
func New() *fasthttp.Client { return &fasthttp.Client{} }
