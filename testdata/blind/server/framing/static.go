package framing

import (
	"bufio"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
)

// ---------------------------------------------------------------------------
// SHAPE: static file keep-alive loop, header with Content-Type only, file streamed with io.Copy
func serveStatic(conn net.Conn, root string) {
	defer conn.Close()
	br, bw := bufio.NewReader(conn), bufio.NewWriter(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		name := filepath.Join(root, filepath.FromSlash(path.Clean("/"+req.URL.Path)))
		f, err := os.Open(name)
		if err != nil {
			bw.WriteString("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
			bw.Flush()
			continue
		}
		ctype := mime.TypeByExtension(filepath.Ext(name))
		fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n\r\n", ctype) // BUG: contentlength
		io.Copy(bw, f)
		f.Close()
		if err := bw.Flush(); err != nil {
			return
		}
	}
}
