package inprocess

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Silent: the common test shape, a request to the test's own server,
// closed unread.
func TestStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "hello")
	}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

// Silent: discarded, to the test's own server.
func TestDiscarded(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, _ = http.Get(srv.URL)
}

// Flagged: test code that talks to a server the test does not own.
func TestRemote(t *testing.T) {
	resp, err := http.Get("https://example.com/")
	if err != nil {
		t.Skip(err)
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}
