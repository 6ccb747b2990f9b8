package flagged

import "net/http"

// A handler that hijacks, answers and closes.
func hijackAnswer(w http.ResponseWriter, r *http.Request) {
	conn, bufrw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	bufrw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") // want `conn is closed after this response`
	bufrw.Flush()
}

// The same through http.ResponseController, with a body-less status.
func hijackNoContent(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	conn.Write([]byte("HTTP/1.1 204 No Content\r\n\r\n")) // want `conn is closed after this response`
	conn.Close()
}
