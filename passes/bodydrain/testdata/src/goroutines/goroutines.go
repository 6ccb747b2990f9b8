// Package goroutines: responses handed to a goroutine, which owns them.
package goroutines

import (
	"bufio"
	"errors"
	"io"
	"iter"
	"net/http"
)

type conn struct {
	client   *http.Client
	incoming chan string
	done     chan struct{}
}

func scanEvents(r io.Reader) iter.Seq2[string, error] { // want scanEvents:`helper\(drains=\[0\] closes=\[\]\)`
	return func(yield func(string, error) bool) {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if !yield(sc.Text(), nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield("", err)
		}
	}
}

// The shape the MCP go-sdk fixed upstream: the stream of a call's answer
// is left at the answer, and its deferred Close drops the rest.
func (c *conn) processStream(resp *http.Response, id string) bool { // want processStream:`helper\(drains=\[\] closes=\[0\]\)`
	defer resp.Body.Close()
	for evt, err := range scanEvents(resp.Body) {
		if err != nil {
			break
		}
		c.incoming <- evt
		if evt == id {
			return true
		}
	}
	return false
}

func (c *conn) handleStream(resp *http.Response, id string) { // want handleStream:`helper\(drains=\[\] closes=\[0\]\)`
	c.processStream(resp, id) // want `response body of resp is closed before it was read to EOF`
}

func (c *conn) Send(req *http.Request, id string) error {
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
		return errors.New(resp.Status)
	}
	go c.handleStream(resp, id)
	return nil
}

// Silent: the goroutine reads the body to its end before closing.
func (c *conn) consume(resp *http.Response) { // want consume:`helper\(drains=\[0\] closes=\[0\]\)`
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return
	}
	c.incoming <- string(data)
}

func (c *conn) SendAsync(req *http.Request) error {
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	go c.consume(resp)
	return nil
}

// Flagged: the goroutine closes the body unread on one path.
func (c *conn) watch(resp *http.Response) { // want watch:`helper\(drains=\[0\] closes=\[0\]\)`
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close() // want `response body of resp is closed before it was read to EOF`
		return
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
}

func (c *conn) Watch(req *http.Request) error {
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	go c.watch(resp)
	return nil
}

// Flagged: a range over the stream left at the first match.
func (c *conn) First(req *http.Request, id string) (string, error) {
	resp, err := c.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close() // want `response body of resp is closed before it was read to EOF on the path that returns at line 112`
	for evt, err := range scanEvents(resp.Body) {
		if err != nil {
			return "", err
		}
		if evt == id {
			return evt, nil
		}
	}
	return "", errors.New("not found")
}

// Silent: only the iteration's own error leaves the loop early.
func (c *conn) All(req *http.Request) ([]string, error) {
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out []string
	for evt, err := range scanEvents(resp.Body) {
		if err != nil {
			return nil, err
		}
		out = append(out, evt)
	}
	return out, nil
}

// A goroutine function declared without a body (assembly): not judged.
func handleAsm(resp *http.Response)

func (c *conn) SendAsm(req *http.Request) error {
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	go handleAsm(resp)
	return nil
}
