package precision3

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// stubDoer answers every request with a canned in-memory response.
type stubDoer struct {
	status int
	body   string
	header http.Header
	calls  int
}

func (s *stubDoer) Do(req *http.Request) (*http.Response, error) {
	s.calls++
	h := s.header
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{
		StatusCode: s.status,
		Status:     fmt.Sprintf("%d %s", s.status, http.StatusText(s.status)),
		Header:     h,
		Body:       io.NopCloser(strings.NewReader(s.body)),
		Request:    req,
	}, nil
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// ---------------------------------------------------------------------------
// CLEAN: bodydrain stub doer given through WithDoer builds the response in memory; closing it unread costs nothing
func TestSendRequestID(t *testing.T) {
	stub := &stubDoer{status: http.StatusOK, body: `{"repositories":[]}`, header: http.Header{"X-Request-Id": {"r-1"}}}
	c := New(WithDoer(stub), WithToken("t0k"))
	req, err := c.newRequest(context.Background(), http.MethodGet, "/_catalog", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.send(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // NAIVE: bodydrain
	if resp.RequestID != "r-1" {
		t.Fatalf("request id = %q", resp.RequestID)
	}
	if got := req.Header.Get("Authorization"); got != "Bearer t0k" {
		t.Fatalf("auth = %q", got)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout http.Client without Timeout and a Background ctx, but its Transport is an in-process func: no network
func TestBlobExistsUsesHead(t *testing.T) {
	var method string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		method = r.Method
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	c := New(WithDoer(&http.Client{Transport: rt})) // NAIVE: dialtimeout
	ok, err := c.BlobExists(context.Background(), "library/alpine", "sha256:0123")
	if err != nil || !ok {
		t.Fatalf("BlobExists = %v, %v", ok, err)
	}
	if method != http.MethodHead {
		t.Fatalf("method = %s", method)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain the wrapper client's Next is an http.Client over an in-memory RoundTripper; the 503 body is a strings.Reader
func TestRetryDoerGivesUp(t *testing.T) {
	n := 0
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		n++
		return &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("busy")), Request: r}, nil
	})
	rd := &RetryDoer{Next: &http.Client{Transport: rt}, Attempts: 3}
	req, err := http.NewRequest(http.MethodGet, "http://registry.test/v2/", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rd.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusServiceUnavailable || n != 3 {
		t.Fatalf("status %d after %d attempts", resp.StatusCode, n)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain response from an httptest server in a test; closing unread only drops a loopback connection
func TestProbeAgainstServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "draining")
	}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // NAIVE: bodydrain
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status = %d", resp.StatusCode)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: dialtimeout http.Get on the DefaultClient, but the peer is an httptest server on loopback
func TestPingLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "pong")
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/ping") // NAIVE: dialtimeout
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "pong" {
		t.Fatalf("body = %q", b)
	}
}

// ---------------------------------------------------------------------------
// CLEAN: bodydrain Example wires a stub doer through WithDoer; the response never touched a connection
func ExampleNew() {
	stub := &stubDoer{status: http.StatusOK, body: `{"repositories":["library/alpine"]}`, header: http.Header{"X-Request-Id": {"ex-1"}}}
	c := New(WithDoer(stub), WithBaseURL("https://mirror.example.org/v2/"))
	req, _ := c.newRequest(context.Background(), http.MethodGet, "/_catalog", nil)
	resp, err := c.send(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close() // NAIVE: bodydrain
	fmt.Println(resp.StatusCode, resp.RequestID, req.URL)
	// Output: 200 ex-1 https://mirror.example.org/v2/_catalog
}
