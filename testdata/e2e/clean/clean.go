// Package clean has no findings.
package clean

import (
	"time"

	"github.com/valyala/fasthttp"
)

var client = &fasthttp.Client{ReadTimeout: 5 * time.Second}

// Fetch uses a bounded client.
func Fetch(url string) error {
	_, _, err := client.GetTimeout(nil, url, time.Second)
	return err
}
