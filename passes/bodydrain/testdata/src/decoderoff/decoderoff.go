// Package decoderoff runs with -bodydrain.decoder=false: closes after a
// decode are silent, every other close before EOF is still reported.
package decoderoff

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

var client = &http.Client{}

// Silent under the option: a JSON decode, then Close.
func decode(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// Flagged: the status path closes the body unread.
func statusThenDecode(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF on the path that returns at line 32`
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Flagged: a bounded prefix read is not a decode.
func prefix(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	_, err = io.ReadFull(resp.Body, buf)
	resp.Body.Close() // want `closed before it was read to EOF`
	return buf, err
}
