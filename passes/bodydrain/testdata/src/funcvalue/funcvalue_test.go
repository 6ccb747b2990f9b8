package funcvalue

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Silent: a test talking to its own server through a method value.
func TestStatus(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	do := srv.Client().Do
	req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d", resp.StatusCode)
	}
}

// Silent: an example whose sender is the test server's client.
func ExampleClient_status() {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	do := srv.Client().Do
	req, _ := http.NewRequest(http.MethodGet, "https://api.github.com/meta", nil)
	resp, err := do(req)
	if err != nil {
		return
	}
	fmt.Println(resp.StatusCode)
}

// Flagged: examples are judged like any code; this one leaks.
func ExampleClient_remote() {
	do := http.DefaultClient.Do
	req, _ := http.NewRequest(http.MethodGet, "https://api.github.com/meta", nil)
	resp, err := do(req)
	if err != nil {
		return
	}
	fmt.Println(resp.StatusCode)
} // want `response body of resp \(from do at line 45\) is never closed on the path that returns here`
