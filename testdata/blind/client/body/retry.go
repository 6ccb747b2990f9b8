package body

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"blind/client/internal/httpx"
)

// ---------------------------------------------------------------------------
// SHAPE: retry loop retries on 5xx with continue, dropping the unclosed response of the failed attempt
func postWithRetry(ctx context.Context, url string, payload []byte) ([]byte, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
		if err != nil {
			return nil, err
		}
		resp, err := hc.Do(req)
		if err != nil {
			lastErr = err
			continue
		}
		if resp.StatusCode >= 500 {
			lastErr = fmt.Errorf("server error: %s", resp.Status)
			time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
			continue // BUG: bodydrain
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return b, err
	}
	return nil, lastErr
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain retry loop drains and closes the failed attempt's body (httpx.DrainClose) before continue
func getWithRetry(ctx context.Context, url string) ([]byte, error) {
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := httpx.Get(ctx, hc, url)
		if err != nil {
			lastErr = err
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			lastErr = fmt.Errorf("attempt %d: %s", attempt, resp.Status)
			httpx.DrainClose(resp)
			continue // NAIVE: bodydrain
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, lastErr
}
