package wsheartbeat

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/connvet/connvet/passes/internal/httplib"
)

// lib is a WebSocket library whose connections the check follows.
type lib uint8

const (
	noLib   lib = iota
	gorilla     // github.com/gorilla/websocket
	xnet        // golang.org/x/net/websocket
	coder       // github.com/coder/websocket and its former path nhooyr.io/websocket
)

// Import paths of the modelled libraries.
const (
	gorillaPath = "github.com/gorilla/websocket"
	xnetPath    = "golang.org/x/net/websocket"
	coderPath   = "github.com/coder/websocket"
	nhooyrPath  = "nhooyr.io/websocket"
)

// libPaths are the packages a package must import for the check to run:
// the three libraries and the JSON helpers of coder/nhooyr.
var libPaths = []string{gorillaPath, xnetPath, coderPath, nhooyrPath, coderPath + "/wsjson", nhooyrPath + "/wsjson"}

func libOfPath(path string) lib {
	switch httplib.Unvendor(path) {
	case gorillaPath:
		return gorilla
	case xnetPath:
		return xnet
	case coderPath, nhooyrPath, coderPath + "/wsjson", nhooyrPath + "/wsjson":
		return coder
	}
	return noLib
}

// isLibPackage reports whether pkg is one of the libraries (or a package
// inside them): their own code implements the reads the check judges.
func isLibPackage(pkg *types.Package) bool {
	path := httplib.Unvendor(pkg.Path())
	for _, p := range []string{gorillaPath, xnetPath, coderPath, nhooyrPath} {
		if path == p || len(path) > len(p) && path[:len(p)+1] == p+"/" {
			return true
		}
	}
	return false
}

// importsLib reports whether pkg imports one of the libraries directly. A
// package that does not cannot make, accept or hand a library connection
// to a handler of its own, so none of its reads can be judged.
func importsLib(pkg *types.Package) bool {
	return slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool {
		return slices.Contains(libPaths, httplib.Unvendor(p.Path()))
	})
}

// connLib reports which library's connection type t is: *websocket.Conn
// of gorilla, x/net or coder/nhooyr.
func connLib(t types.Type) lib {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return noLib
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Name() != "Conn" {
		return noLib
	}
	switch l := libOfPath(named.Obj().Pkg().Path()); l {
	case gorilla, xnet:
		return l
	case coder:
		if path := httplib.Unvendor(named.Obj().Pkg().Path()); path == coderPath || path == nhooyrPath {
			return coder
		}
	}
	return noLib
}

// containerOf reports whether t is a map, slice, array or channel that
// holds connections directly: as elements (elem) or as map keys (key).
func containerOf(t types.Type) (elem, key bool) {
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Map:
		return connLib(u.Elem()) != noLib, connLib(u.Key()) != noLib
	case *types.Slice:
		return connLib(u.Elem()) != noLib, false
	case *types.Array:
		return connLib(u.Elem()) != noLib, false
	case *types.Chan:
		return connLib(u.Elem()) != noLib, false
	}
	return false, false
}

// use is what a library call does with a connection.
type use uint8

const (
	useNeutral   use = iota // does not read, set a deadline or let the conn go
	useRead                 // reads one message (blocks until one arrives)
	useReadAll              // reads until the connection ends: a loop of its own
	useDeadline             // sets a read deadline on the connection
	useNetConn              // returns the underlying net.Conn
	useHeartbeat            // pings the peer and fails when it does not answer
	useClose                // closes the connection
	useEscape               // hands the connection to code the check does not follow
)

// method classifies a call of a connection method.
func method(l lib, name string) use {
	switch l {
	case gorilla:
		switch name {
		case "ReadMessage", "NextReader", "ReadJSON":
			return useRead
		case "SetReadDeadline":
			return useDeadline
		case "UnderlyingConn", "NetConn":
			return useNetConn
		case "Close":
			return useClose
		}
	case xnet:
		switch name {
		case "Read":
			return useRead
		case "SetReadDeadline", "SetDeadline":
			return useDeadline
		case "Close":
			return useClose
		}
	case coder:
		switch name {
		case "Read", "Reader":
			return useRead
		case "Ping":
			return useHeartbeat
		case "Close", "CloseNow":
			return useClose
		}
	}
	return useNeutral
}

// libFuncUse classifies passing a connection as argument i of fn, a
// function of a library or of the standard library. ok is false for
// functions the check does not know.
func libFuncUse(fn *types.Func, i int) (u use, ok bool) {
	if fn.Pkg() == nil {
		return useEscape, false
	}
	path := httplib.Unvendor(fn.Pkg().Path())
	recv := fn.Signature().Recv()
	switch {
	case path == gorillaPath && recv == nil:
		switch fn.Name() {
		case "ReadJSON":
			return useRead, true
		case "WriteJSON", "IsCloseError", "IsUnexpectedCloseError":
			return useNeutral, true
		}
	case path == xnetPath && recv != nil && httplib.IsNamed(recv.Type(), xnetPath, "Codec"):
		switch fn.Name() {
		case "Receive":
			return useRead, true // websocket.Message.Receive, websocket.JSON.Receive
		case "Send":
			return useNeutral, true
		}
	case (path == coderPath+"/wsjson" || path == nhooyrPath+"/wsjson") && recv == nil:
		switch fn.Name() {
		case "Read":
			return useRead, true
		case "Write":
			return useNeutral, true
		}
	case (path == coderPath || path == nhooyrPath) && recv == nil && fn.Name() == "NetConn":
		return useEscape, true // a net.Conn view whose deadlines close the conn
	case path == "io" && recv == nil:
		switch fn.Name() {
		case "Copy", "CopyBuffer":
			if i == 1 {
				return useReadAll, true // io.Copy(dst, ws) reads ws until it ends
			}
			return useNeutral, true
		case "ReadAll":
			return useReadAll, true
		case "ReadFull", "ReadAtLeast":
			return useRead, true
		case "WriteString":
			return useNeutral, true
		}
	case path == "bufio" && recv == nil, path == "encoding/json" && recv == nil:
		switch fn.Name() {
		case "NewReader", "NewReaderSize", "NewWriter", "NewWriterSize", "NewScanner", "NewDecoder", "NewEncoder":
			return useNeutral, true // wrappers that read or write; none sets a deadline
		}
	case path == "fmt", path == "log":
		return useNeutral, true // printing a connection does not keep it
	}
	return useEscape, false
}

// isSource reports whether call makes a new connection of a library: an
// accepted (upgraded) server connection or a dialed client connection.
// Each comes without a read deadline: gorilla's Upgrade and Dial clear the
// deadlines they used for the handshake, net/http's Hijack clears the
// server's.
func isSource(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := httplib.Unvendor(fn.Pkg().Path())
	switch path {
	case gorillaPath:
		return httplib.IsFunc(fn, path, "Upgrader", "Upgrade") || httplib.IsFunc(fn, path, "", "Upgrade") ||
			httplib.IsFunc(fn, path, "Dialer", "Dial") || httplib.IsFunc(fn, path, "Dialer", "DialContext")
	case xnetPath:
		return httplib.IsFunc(fn, path, "", "Dial") || httplib.IsFunc(fn, path, "", "DialConfig") ||
			httplib.IsFunc(fn, path, "Config", "DialContext")
	case coderPath, nhooyrPath:
		return httplib.IsFunc(fn, path, "", "Accept") || httplib.IsFunc(fn, path, "", "Dial")
	}
	return false
}

// isXnetHandler reports whether t is x/net's websocket.Handler: a function
// converted to it is called by the library with a fresh server connection.
func isXnetHandler(t types.Type) bool {
	return t != nil && httplib.IsNamed(t, xnetPath, "Handler")
}

// zeroTime reports whether e is the zero time.Time literal: a deadline
// set to it clears the deadline.
func zeroTime(info *types.Info, e ast.Expr) bool {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	return ok && len(lit.Elts) == 0 && httplib.IsNamed(info.TypeOf(lit), "time", "Time")
}
