package flagged

import "net/http"

// Flagged: the guard says the response exists, and it is closed unread.
func guardedUnread(c *http.Client, req *http.Request) (int, error) {
	res, err := c.Do(req)
	if res != nil {
		res.Body.Close() // want `closed before it was read to EOF`
	}
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

// Flagged: the non-nil body branch returns without closing.
func bodyNotNilLeak(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	if resp.Body != nil {
		return resp.StatusCode, nil // want `response body of resp \(from Do at line 19\) is never closed on the path that returns here`
	}
	return 0, nil
}

// Flagged: a nil test joined with a status test says nothing about the
// failing branch, where the response exists and is left unclosed.
func nilAndStatus(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	if resp != nil && resp.StatusCode == http.StatusOK {
		resp.Body.Close() // want `closed before it was read to EOF`
		return 200, nil
	}
	return resp.StatusCode, nil // want `response body of resp \(from Do at line 32\) is never closed on the path that returns here`
}
