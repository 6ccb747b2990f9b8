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
	resp, err := http.Get("https://api.github.com/")
	if err != nil {
		t.Skip(err)
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Silent: a test helper requesting a URL its caller hands it: in a test
// file, a peer that is not visibly external is a server of the test run.
func getStatus(t *testing.T, url string) int {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Silent: a server reached through a field the test's setup filled.
type fixture struct {
	base   string
	client *http.Client
}

func (f *fixture) TestThroughField(t *testing.T) {
	req, _ := http.NewRequest("GET", f.base+"/ping", nil)
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// Flagged: a visibly external host reached through a local.
func TestRemoteThroughLocal(t *testing.T) {
	const api = "https://api.github.com/meta"
	req, _ := http.NewRequest("GET", api, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Skip(err)
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Flagged: an Example is documentation that users copy, whatever its peer.
func ExampleFetch() {
	fetch := func() string { return "http://" + "service" + "/status" }
	resp, err := http.Get(fetch())
	if err != nil {
		return
	}
	resp.Body.Close() // want `closed before it was read to EOF`
}

// Silent: example.com is reserved for documentation (RFC 2606); in a test
// it is a placeholder that the test's own proxy or dial hook answers.
func fetchThroughOwnProxy(t *testing.T, client *http.Client) {
	resp, err := client.Get("http://example.com/resource")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}
