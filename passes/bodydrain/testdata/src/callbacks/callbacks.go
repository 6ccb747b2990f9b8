// Package callbacks gives func literals to functions that hand them a
// response: a literal given where the callee's summary says the callback
// owns the response must read and close its body like any response it
// obtained.
package callbacks

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"time"

	"cblib"
)

type writer struct {
	svc cblib.Service
	cl  *cblib.Client
}

// Flagged: a write whose callback ignores the response (other-package
// helper through its fact, a wrapper that passes the callback on).
func (w *writer) write(ctx context.Context, url string, body io.Reader) error {
	return w.cl.Post(ctx, url, body, func(r *http.Response) error {
		return nil // want `response body of r \(from Post at line \d+\) is never closed on the path that returns here`
	})
}

// Flagged: through the interface whose one implementation hands over.
func (w *writer) send(req *http.Request) error {
	return w.svc.Send(req, func(resp *http.Response) error {
		log.Printf("sent: %s", resp.Status)
		return nil // want `response body of resp \(from Send at line \d+\) is never closed`
	})
}

// Flagged: closed without reading.
func (w *writer) closeOnly(req *http.Request) error {
	return w.cl.Do(req, func(r *http.Response) error {
		return r.Body.Close() // want `response body of r is closed before it was read to EOF`
	})
}

// Flagged: a deferred close reached before the body is read on the early
// return.
func (w *writer) status(req *http.Request, v any) error {
	return w.cl.Do(req, func(resp *http.Response) error {
		defer resp.Body.Close() // want `response body of resp is closed before it was read to EOF on the path that returns at line \d+`
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("unexpected status %s", resp.Status)
		}
		_, err := io.Copy(io.Discard, resp.Body)
		return err
	})
}

// Flagged: a callback given the response and its error, which looks at
// the status only.
func (w *writer) each(req *http.Request) {
	w.cl.Each(req, func(resp *http.Response, err error) {
		if err != nil {
			log.Print(err)
			return
		}
		log.Print(resp.StatusCode)
	}) // want `response body of resp \(from Each at line \d+\) is never closed on the path that returns here`
}

// api is a client of this package with a helper that hands the response
// to its callback.
type api struct {
	hc   *http.Client
	base string
}

func (a *api) call(req *http.Request, handle func(*http.Response) error) error {
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	return handle(resp)
}

// Flagged: same-package helper.
func (a *api) ping(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+"/ping", nil)
	if err != nil {
		return err
	}
	return a.call(req, func(resp *http.Response) error {
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("ping: %s", resp.Status) // want `response body of resp \(from call at line \d+\) is never closed`
		}
		return nil
	})
}

// Silent: the callback drains and closes.
func (w *writer) drained(req *http.Request) error {
	return w.cl.Do(req, func(resp *http.Response) error {
		defer resp.Body.Close()
		_, err := io.Copy(io.Discard, resp.Body)
		return err
	})
}

// Silent: the callback decodes in a loop and closes.
func (a *api) list(req *http.Request, out chan<- string) error {
	return a.call(req, func(resp *http.Response) error {
		defer resp.Body.Close()
		dec := json.NewDecoder(resp.Body)
		for {
			var s string
			if err := dec.Decode(&s); err != nil {
				if err == io.EOF {
					return nil
				}
				return err
			}
			out <- s
		}
	})
}

// Silent: the callback returns the body to its own caller.
func (w *writer) open(req *http.Request) (io.ReadCloser, error) {
	var body io.ReadCloser
	err := w.cl.Do(req, func(resp *http.Response) error {
		body = resp.Body
		return nil
	})
	return body, err
}

// Silent: the callback keeps the response for its caller.
func (w *writer) keep(req *http.Request) (*http.Response, error) {
	var out *http.Response
	err := w.svc.Send(req, func(resp *http.Response) error {
		out = resp
		return nil
	})
	return out, err
}

// Silent: a helper that closes after the callback only lends it.
func (w *writer) lent(req *http.Request) error {
	return w.cl.With(req, func(resp *http.Response) error {
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %s", resp.Status)
		}
		return nil
	})
}

// Silent: a helper that drains and closes after the callback.
func (w *writer) streamed(req *http.Request) error {
	return w.cl.Stream(req, func(resp *http.Response) {
		log.Print(resp.Header.Get("X-Request-Id"))
	})
}

// Silent: an interface whose implementations disagree.
func fetch(f cblib.Fetcher, url string) error {
	return f.Fetch(url, func(resp *http.Response) error {
		return nil
	})
}

// Silent: an interface with no implementation in its package.
func hook(h cblib.Hook) {
	h.OnResponse(func(resp *http.Response) {
		log.Print(resp.Status)
	})
}

// Silent: no callback; the helper closes.
func (w *writer) noCallback(req *http.Request) error {
	return w.cl.Do(req, nil)
}

// Silent: the callback handles the error and drains the response.
func (w *writer) eachDrained(req *http.Request) {
	w.cl.Each(req, func(resp *http.Response, err error) {
		if err != nil {
			return
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
	})
}

// Silent: the response is the caller's, not fresh from a Transport.
func inspect(resp *http.Response) {
	cblib.Inspect(resp, func(r *http.Response) {
		log.Print(r.Status)
	})
}

// Silent: the helper replaces the callback it is given.
func (w *writer) wrapped(req *http.Request) error {
	return w.cl.Wrapped(req, func(resp *http.Response) error { return nil })
}

// Silent: the response modifier of a reverse proxy is not handed the
// response to own.
func proxy(p *httputil.ReverseProxy) {
	p.ModifyResponse = func(resp *http.Response) error {
		resp.Header.Set("X-Proxy", "1")
		return nil
	}
}

// Silent: a 204 carries no body; the rest is read.
func (w *writer) noContent(req *http.Request) error {
	return w.cl.Do(req, func(resp *http.Response) error {
		if resp.StatusCode == http.StatusNoContent {
			return nil
		}
		defer resp.Body.Close()
		_, err := io.ReadAll(resp.Body)
		return err
	})
}

// Silent: the caller cancels the request's context when the call returns.
func (w *writer) canceled(ctx context.Context, url string, body io.Reader) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return w.cl.Post(ctx, url, body, func(r *http.Response) error {
		return nil
	})
}

// Silent: the peer is a server of this process.
func inProcess(cl *cblib.Client, srv *httptest.Server) error {
	return cl.Post(context.Background(), srv.URL+"/write", nil, func(r *http.Response) error {
		return nil
	})
}

// checkStatus reads and returns the error of a failed response; a good one
// is left to the caller.
func checkStatus(resp *http.Response) error { // want checkStatus:`helper\(drains=\[0\] closes=\[\] nilleaves=\[0\] errleaves=\[\]\)`
	if resp.StatusCode < 300 {
		return nil
	}
	b, _ := io.ReadAll(resp.Body)
	return fmt.Errorf("status %d: %s", resp.StatusCode, b)
}

// do checks the status itself and hands good responses to handle, which
// owns them.
func (a *api) do(req *http.Request, handle func(*http.Response) error) error {
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	if err := checkStatus(resp); err != nil {
		resp.Body.Close()
		return err
	}
	return handle(resp)
}

// Flagged: the callback of a helper that hands over only the responses a
// status check let through.
func (a *api) location(req *http.Request) (string, error) {
	var loc string
	err := a.do(req, func(resp *http.Response) error {
		loc = resp.Header.Get("Location")
		return nil // want `response body of resp \(from do at line \d+\) is never closed`
	})
	return loc, err
}

// doClosing checks the status and closes the body on every path after the
// callback: the callback does not own it.
func (a *api) doClosing(req *http.Request, handle func(*http.Response) error) error {
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := checkStatus(resp); err != nil {
		return err
	}
	return handle(resp)
}

// Silent: the helper closes after the callback.
func (a *api) header(req *http.Request) (string, error) {
	var etag string
	err := a.doClosing(req, func(resp *http.Response) error {
		etag = resp.Header.Get("ETag")
		return nil
	})
	return etag, err
}

// failure reads a failed response's message, then closes it.
func failure(resp *http.Response) error { // want failure:`helper\(drains=\[0\] closes=\[0\]\)`
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	return fmt.Errorf("status %d: %s", resp.StatusCode, msg)
}

// post answers failures itself, reading their bodies, and hands the
// successes to handle: the helper knows what the API sends back.
func (a *api) post(url string, body io.Reader, handle func(*http.Response) error) error {
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return err
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return failure(resp)
	}
	return handle(resp)
}

// Silent: a write acknowledged without content (204): the callback of a
// helper that reads the failures closes the success unread.
func (a *api) write(url string, body io.Reader) error {
	return a.post(url, body, func(resp *http.Response) error {
		return resp.Body.Close()
	})
}

// Flagged: the same callback that forgets the close.
func (a *api) writeLeak(url string, body io.Reader) error {
	return a.post(url, body, func(resp *http.Response) error {
		return nil // want `response body of resp \(from post at line \d+\) is never closed`
	})
}

// Flagged: a decode of the success that stops before EOF is still one.
func (a *api) create(url string, body io.Reader, v any) error {
	return a.post(url, body, func(resp *http.Response) error {
		defer resp.Body.Close() // want `closed before it was read to EOF|after a JSON decode`
		return json.NewDecoder(resp.Body).Decode(v)
	})
}
