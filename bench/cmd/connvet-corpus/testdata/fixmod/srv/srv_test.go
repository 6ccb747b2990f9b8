package srv

import (
	"net/http"
	"testing"
)

var addrs = []string{":8081"}

func TestRun(t *testing.T) {
	go func() { _ = http.ListenAndServe(addrs[0], nil) }()
}
