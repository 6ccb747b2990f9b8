package lib

import (
	"net/http"
	"time"
)

// Server is configured here; importers see the summary as a fact.
var Server = &http.Server{ReadHeaderTimeout: time.Second} // want Server:`config\(http.Server\{ReadHeaderTimeout\}\)`

// NewTransport builds a transport with an idle timeout.
func NewTransport() *http.Transport { // want NewTransport:`config\(http.Transport\{IdleConnTimeout\}\)`
	return &http.Transport{IdleConnTimeout: time.Minute}
}

// Wrap returns what it is given: importers cannot know it.
func Wrap(c *http.Client) (*http.Client, error) { // want Wrap:`config\(http.Client\{\} open; -\)`
	return c, nil
}
