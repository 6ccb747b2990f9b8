// Package corpusfp holds minimal reproducers of false positives that the
// corpus run (docs/results.md) found for bodydrain. Every case here is silent.
package corpusfp

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httputil"
)

// readAndClose reads the body to EOF and closes it before returning the
// response (go-chi/chi v5.5.0 mux_test.go:2075 testRequest; prometheus
// client_golang v1.25.0 api/client.go:158 httpClient.Do).
func readAndClose(req *http.Request) (*http.Response, string) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, ""
	}
	body, _ := io.ReadAll(resp.Body)
	defer resp.Body.Close()
	return resp, string(body)
}

// Silent: the helper already drained and closed the body (chi: 160
// findings, prometheus api.go: 21).
func callsReadAndClose(req *http.Request) string {
	_, body := readAndClose(req)
	return body
}

// inMemory returns a response read from a buffer: no connection behind
// it (gofiber/fiber v2.52.15 app.go:976, App.Test).
func inMemory(raw []byte, req *http.Request) (*http.Response, error) {
	return http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), req)
}

// Silent: nothing to reuse or keep open (fiber: ~270 findings on App.Test).
func callsInMemory(raw []byte, req *http.Request) int {
	resp, err := inMemory(raw, req)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Silent: httputil.DumpResponse(res, true) reads the body to EOF and
// replaces it; on its error path the read already failed, so the
// connection is dead anyway (carlmjohnson/requests v0.23.5 recorder.go:44,
// a RoundTripFunc with named results).
func dump(rt http.RoundTripper) func(*http.Request) (*http.Response, error) {
	return func(req *http.Request) (res *http.Response, err error) {
		if res, err = rt.RoundTrip(req); err != nil {
			return
		}
		b, err := httputil.DumpResponse(res, true)
		if err != nil {
			return nil, err
		}
		_ = b
		return
	}
}

// Silent: the response is kept in a variable of the enclosing function and
// returned to the caller (gojek/heimdall v7.0.3 hystrix/hystrix_client.go:190).
func retried(c *http.Client, req *http.Request, do func(func() error) error) (*http.Response, error) {
	var response *http.Response
	err := do(func() error {
		var err error
		response, err = c.Do(req)
		if err != nil {
			return err
		}
		if response.StatusCode >= 500 {
			return io.ErrUnexpectedEOF
		}
		return nil
	})
	return response, err
}
