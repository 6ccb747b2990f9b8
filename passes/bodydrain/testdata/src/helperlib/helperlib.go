// Package helperlib has body helpers that other packages use.
package helperlib

import (
	"io"
	"net/http"
)

// DrainClose reads the body to EOF and closes it.
func DrainClose(body io.ReadCloser) { // want DrainClose:`helper\(drains=\[0\] closes=\[0\]\)`
	_, _ = io.Copy(io.Discard, body)
	_ = body.Close()
}

// Finish drains and closes a response.
func Finish(resp *http.Response) error { // want Finish:`helper\(drains=\[0\] closes=\[0\]\)`
	DrainClose(resp.Body)
	return nil
}

// CloseOnly closes without reading.
func CloseOnly(c io.Closer, r io.ReadCloser) { // want CloseOnly:`helper\(drains=\[\] closes=\[1\]\)`
	_ = r.Close()
}
