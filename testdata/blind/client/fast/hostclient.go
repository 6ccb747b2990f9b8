package fast

import (
	"time"

	"github.com/valyala/fasthttp"
)

func newCatalogHostClient(addr string) *fasthttp.HostClient {
	return &fasthttp.HostClient{
		Addr:                addr,
		MaxConns:            32,
		ReadTimeout:         4 * time.Second,
		WriteTimeout:        4 * time.Second,
		MaxIdleConnDuration: 20 * time.Second,
	}
}
