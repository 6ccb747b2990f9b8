//go:debug http2client=0

package main

import "net/http"

// Silent: the program turns net/http's HTTP/2 client off.
var client = &http.Client{Transport: &http.Transport{ForceAttemptHTTP2: true}}

func main() { _, _ = client.Get("https://example.com/") }
