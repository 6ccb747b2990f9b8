// Package decoder holds bodies read by a JSON or XML decoder and closed:
// a decode stops at the end of the value, so a chunked body, or data after
// the value, can be left unread and the connection lost
// (TestProofDecodeThenClose).
package decoder

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
)

var client = &http.Client{}

// Flagged: an XML decode, then Close.
func xmlDecode(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	err = xml.NewDecoder(resp.Body).Decode(v)
	resp.Body.Close() // want `response body of resp is closed after a XML decode that may stop before EOF: a chunked body, or one with data after the value, can lose its connection`
	return err
}

// Flagged: a decoder bound to a local, one value decoded.
func boundDecoder(url string) (map[string]any, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close() // want `closed on the path that returns at line 38 after a JSON decode that may stop before EOF`
	dec := json.NewDecoder(resp.Body)
	var v map[string]any
	err = dec.Decode(&v)
	return v, err
}

// Flagged with the unread message: a status check returns before the
// decode, and the unread path is the worse one.
func statusThenDecode(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `response body of resp is closed before it was read to EOF on the path that returns at line 50: the Transport`
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Flagged: a loop around the request and the decode is not a stream loop.
func perURL(urls []string) {
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		var v any
		_ = json.NewDecoder(resp.Body).Decode(&v)
		resp.Body.Close() // want `closed after a JSON decode that may stop before EOF`
	}
}

// Silent: decoding a stream of values in a loop reads to its end.
func stream(url string, each func(any)) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		each(v)
	}
}

// Silent: decoded, then drained by a deferred copy.
func decodeDeferredDrain(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer func() { _, _ = io.Copy(io.Discard, resp.Body) }()
	return json.NewDecoder(resp.Body).Decode(v)
}
