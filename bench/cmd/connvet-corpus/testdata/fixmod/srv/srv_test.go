package srv

import "net/http"

var addrs = []string{":8081"}

// An Example serves on a network address: judged like any code (users copy
// examples), so its fix is proved in a _test.go file.
func ExampleRun() {
	go func() { _ = http.ListenAndServe(addrs[0], nil) }()
}
