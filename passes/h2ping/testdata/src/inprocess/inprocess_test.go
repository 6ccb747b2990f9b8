package inprocess

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Silent by default: a transport the tests share, for their own httptest
// servers.
var tlsTransport = &http.Transport{ForceAttemptHTTP2: true}

func TestGet(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	tlsTransport.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig
	resp, err := (&http.Client{Transport: tlsTransport}).Get(srv.URL)
	if err == nil {
		_ = resp.Body.Close()
	}
}
