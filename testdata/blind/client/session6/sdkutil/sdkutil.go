// Package sdkutil holds the helpers shared by the session6 API clients:
// request building, error decoding, body parsers and transport defaults.
package sdkutil

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// APIError is the error every client returns for a non-2xx status.
type APIError struct {
	Status    int    `json:"-"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"-"`
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("api: status %d (request %s)", e.Status, e.RequestID)
	}
	return fmt.Sprintf("api: %s: %s (status %d, request %s)", e.Code, e.Message, e.Status, e.RequestID)
}

// ErrorFrom reads the whole error body of resp and turns it into an
// *APIError. It does not close the body.
func ErrorFrom(resp *http.Response) error {
	e := &APIError{Status: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("api: status %d: reading error body: %w", resp.StatusCode, err)
	}
	_ = json.Unmarshal(b, e)
	return e
}

// DecodeJSON reads all of r and unmarshals it into v.
func DecodeJSON(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// DrainClose discards what is left of rc and closes it, so that the
// connection under an HTTP response body goes back to the pool.
func DrainClose(rc io.ReadCloser) error {
	_, err := io.Copy(io.Discard, rc)
	if cerr := rc.Close(); err == nil {
		err = cerr
	}
	return err
}

// ReadCSVHeader reads the first line of a CSV export (the column names).
func ReadCSVHeader(br *bufio.Reader) ([]string, error) {
	line, err := br.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return nil, err
	}
	return strings.Split(strings.TrimRight(line, "\r\n"), ","), nil
}

// NewRequest builds a request with the SDK's common headers.
func NewRequest(ctx context.Context, method, url, userAgent string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// Harden fills the limits of tr that the caller left at zero with the values
// of http.DefaultTransport.
func Harden(tr *http.Transport) *http.Transport {
	if tr.IdleConnTimeout == 0 {
		tr.IdleConnTimeout = 90 * time.Second
	}
	if tr.MaxIdleConns == 0 {
		tr.MaxIdleConns = 100
	}
	if tr.TLSHandshakeTimeout == 0 {
		tr.TLSHandshakeTimeout = 10 * time.Second
	}
	if tr.ExpectContinueTimeout == 0 {
		tr.ExpectContinueTimeout = time.Second
	}
	return tr
}

// EnvDuration reads a duration from the environment, or returns def when the
// variable is unset, unparsable or not positive.
func EnvDuration(name string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(os.Getenv(name))
	if err != nil || d <= 0 {
		return def
	}
	return d
}
