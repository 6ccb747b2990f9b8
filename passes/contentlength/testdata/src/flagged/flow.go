package flagged

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
)

// Each writer call shape, answering one path and going on to the next
// request with continue: the statements after the if (another response)
// never run after it, so its body is whole and gets its Content-Length.

func continueWriteString(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/a" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nhello") // want `response written to conn has no Content-Length`
			continue
		}
		io.WriteString(conn, "HTTP/1.1 404 Not Found\r\n\r\nnope") // want `response written to conn has no Content-Length`
	}
}

func continueConnWrite(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/a" {
			conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello")) // want `response written to conn has no Content-Length`
			continue
		}
		conn.Write([]byte("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope"))
	}
}

func continueFprint(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/a" {
			fmt.Fprint(conn, "HTTP/1.1 200 OK\r\n\r\nhello") // want `response written to conn has no Content-Length`
			continue
		}
		fmt.Fprint(conn, "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope")
	}
}

func continueFprintf(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/a" {
			fmt.Fprintf(conn, "HTTP/1.1 %d OK\r\n\r\n%s", 200, "hello") // want `response written to conn has no Content-Length`
			continue
		}
		fmt.Fprintf(conn, "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope")
	}
}

func continueFprintfBody(conn net.Conn, body string) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/a" {
			fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\n\r\n%s", body) // want `response written to conn has no Content-Length`
			continue
		}
		fmt.Fprintf(conn, "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope")
	}
}

func continueBufio(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if req.URL.Path == "/a" {
			bw.WriteString("HTTP/1.1 200 OK\r\n\r\nhello") // want `response written to conn has no Content-Length`
			bw.Flush()
			continue
		}
		bw.WriteString("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope")
		bw.Flush()
	}
}

// A labeled continue out of a switch.
func continueLabeled(conn net.Conn) {
	br := bufio.NewReader(conn)
serve:
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		switch req.URL.Path {
		case "/a":
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nA") // want `response written to conn has no Content-Length`
			continue serve
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nB")
	}
}

// The constant body followed, in the same iteration, by the head of a
// new response: what follows belongs to that response, not to this body.
func twoPerIteration(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		first, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		if first.Method == "GET" {
			io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nfirst") // want `response written to conn has no Content-Length`
		}
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		io.WriteString(conn, "HTTP/1.1 200 OK\r\n\r\nsecond") // want `response written to conn has no Content-Length`
	}
}

// Each writer call shape in a plain request loop.

func plainFprint(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprint(conn, "HTTP/1.1 200 OK\r\n", "Server: x\r\n\r\n", "hello") // want `response written to conn has no Content-Length`
	}
}

func plainFprintfConst(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\n\r\n100%%") // want `response written to conn has no Content-Length`
	}
}

func plainBufioFlush(conn net.Conn) {
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		bw.WriteString("HTTP/1.1 200 OK\r\n\r\nhello") // want `response written to conn has no Content-Length`
		if err := bw.Flush(); err != nil {
			return
		}
	}
}

func plainWriteChecked(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		_, err := conn.Write([]byte("HTTP/1.1 200 OK\r\n\r\nhello")) // want `response written to conn has no Content-Length`
		if err != nil {
			return
		}
	}
}
