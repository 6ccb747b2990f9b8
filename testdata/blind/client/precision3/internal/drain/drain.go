// Package drain finishes HTTP responses so that their connections go back
// to the Transport's idle pool.
package drain

import (
	"encoding/json"
	"io"
	"net/http"
)

// Close reads whatever is left of resp's body and closes it. A nil response
// (or one without a body) is ignored, so it can be deferred right after Do.
func Close(resp *http.Response) error {
	if resp == nil || resp.Body == nil {
		return nil
	}
	_, err := io.Copy(io.Discard, resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	return err
}

// JSON decodes resp's body into v, then drains and closes it.
func JSON(resp *http.Response, v any) error {
	defer Close(resp)
	return json.NewDecoder(resp.Body).Decode(v)
}
