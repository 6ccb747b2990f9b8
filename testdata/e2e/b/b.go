// Package b uses clients built in package a and one of its own.
package b

import (
	"time"

	"example.com/e2e/a"
	"github.com/valyala/fasthttp"
)

// Fetch uses all three clients.
func Fetch(url string) error {
	if _, _, err := a.Client.GetTimeout(nil, url, time.Second); err != nil {
		return err
	}
	if _, _, err := a.New().GetTimeout(nil, url, time.Second); err != nil {
		return err
	}
	c := &fasthttp.Client{}
	_, _, err := c.GetTimeout(nil, url, time.Second)
	c.CloseIdleConnections()
	return err
}
