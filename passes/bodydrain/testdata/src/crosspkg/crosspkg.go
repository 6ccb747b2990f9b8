package crosspkg

import (
	"helperlib"
	"net/http"
)

// Silent: a helper in another package drains and closes (known by fact).
func viaHelper(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer helperlib.DrainClose(resp.Body)
	return nil
}

func viaFinish(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return helperlib.Finish(resp)
}

// Flagged: a helper in another package that only closes.
func closeOnly(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	helperlib.CloseOnly(nil, resp.Body) // want `response body of resp is closed before it was read to EOF`
	return nil
}
