package noimport

import "github.com/valyala/fasthttp"

// The fix adds the time import.
func get(url string) {
	c := fasthttp.Client{}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}
