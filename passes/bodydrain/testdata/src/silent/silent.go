package silent

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"io/ioutil"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gorilla/websocket"
)

var client = &http.Client{}

// Drained with io.Copy before Close.
func drained(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// io.ReadAll, then close.
func readAll(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// ioutil.ReadAll, bounded with io.LimitReader.
func limited(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return ioutil.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

// Decode then drain.
func decodeDrain(url string, v any) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(v)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

// Pattern: a deferred drain after the deferred close runs first.
func deferredDrain(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer func() { _, _ = io.Copy(io.Discard, resp.Body) }()
	if resp.StatusCode != 200 {
		return errors.New("bad status")
	}
	return nil
}

// Pattern: a deferred function literal with the body as its argument.
func deferLitArg(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer func(b io.ReadCloser) {
		_, _ = io.Copy(io.Discard, b)
		_ = b.Close()
	}(resp.Body)
	return nil
}

// Pattern: closing through a helper in this package.
func drainClose(rc io.ReadCloser) { // want drainClose:`helper\(drains=\[0\] closes=\[0\]\)`
	_, _ = io.Copy(io.Discard, rc)
	_ = rc.Close()
}

func viaLocalHelper(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer drainClose(resp.Body)
	return nil
}

// Pattern: the response is returned to the caller.
func returned(url string) (*http.Response, error) { // want returned:`helper\(drains=\[\] closes=\[\] fresh\)`
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// Pattern: the body is returned.
func bodyReturned(url string) (io.ReadCloser, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// Pattern: stored in a struct field.
type holder struct{ resp *http.Response }

func (h *holder) stored(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	h.resp = resp
	return nil
}

// Pattern: sent on a channel.
func sent(url string, ch chan<- *http.Response) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	ch <- resp
}

// Pattern: handed to a goroutine.
func goroutine(url string) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	go func() {
		_ = resp.Body.Close()
	}()
}

// Pattern: passed to code we cannot see.
func passed(url string, consume func(*http.Response)) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	consume(resp)
}

// Pattern: an httptest recorder's result needs no close.
func recorder(h http.Handler, r *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	resp := rec.Result()
	return resp.StatusCode
}

// Pattern: a websocket dial's response needs no close.
func ws(url string) error {
	conn, resp, err := websocket.DefaultDialer.Dial(url, nil)
	_ = conn
	if err != nil {
		return err
	}
	_ = resp.StatusCode
	return nil
}

// A HEAD response has no body.
func head(url string) (int, error) {
	resp, err := http.Head(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// A loop reading until EOF.
func readLoop(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf := make([]byte, 512)
	for {
		_, err := resp.Body.Read(buf)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// A scanner over the body.
func scan(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
	}
	return sc.Err()
}

// The process ends on the error path.
func fatal(url string) []byte {
	resp, err := client.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

// Wrapped in a reader we do not model: stay silent.
func wrapped(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	_, err = br.ReadString('\n')
	return err
}

// Suppressed with a reason.
func suppressed(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	//connvet:ignore bodydrain the server always sends an empty body
	return resp.Body.Close()
}

// A response read from a connection the caller owns is not pooled.
func rawConn(conn net.Conn, req *http.Request) (int, error) {
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Corpus pattern (chi's testRequest): a helper that reads and closes the
// body before returning the response; callers own no connection.
func testRequest(url string) (*http.Response, string) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, ""
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp, string(b)
}

func usesTestRequest(url string) int {
	resp, _ := testRequest(url)
	return resp.StatusCode
}

// Corpus pattern (fiber's App.Test): a response built in memory.
func inMemory(r *http.Request) (*http.Response, error) {
	return http.ReadResponse(bufio.NewReader(strings.NewReader("HTTP/1.1 200 OK\r\n\r\n")), r)
}

func usesInMemory(r *http.Request) int {
	resp, err := inMemory(r)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Corpus pattern: a closure assigns a response to the enclosing function's
// variable, which the enclosing function returns.
func retried(url string) (*http.Response, error) {
	var resp *http.Response
	var err error
	try := func() {
		resp, err = client.Get(url)
	}
	try()
	return resp, err
}

// A helper that drains with a read loop (and closes): known by its fact.
func drainLoop(r io.ReadCloser) { // want drainLoop:`helper\(drains=\[0\] closes=\[0\]\)`
	defer r.Close()
	buf := make([]byte, 512)
	for {
		if _, err := r.Read(buf); err != nil {
			return
		}
	}
}

func viaReadLoop(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	drainLoop(resp.Body)
	return nil
}

// Read to EOF and never closed: the Transport took the connection back at
// EOF, so nothing is held.
func drainedNotClosed(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
