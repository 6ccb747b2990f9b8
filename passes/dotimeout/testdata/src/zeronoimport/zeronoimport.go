package zeronoimport

import "github.com/valyala/fasthttp"

// Two literals of one file without the time import: the fix imports it
// once, sets the missing ReadTimeout and replaces the zero one.
func get(url string, fast bool) {
	c := &fasthttp.Client{}
	if fast {
		c = &fasthttp.Client{ReadTimeout: 0}
	}
	c.Get(nil, url) // want `client c has no ReadTimeout and the request no deadline: Get`
}
